; Every named data item, for the host variables of embedded SQL. Run on a
; data_division node by migrate/parse/targets.py.

(data_description
  (entry_name) @data.entry)
