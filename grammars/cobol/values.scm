; Data items with an alphanumeric VALUE: the names a dynamic CALL through
; the item can reach. Run on a data_division node by migrate/parse/targets.py.

(data_description
  (entry_name) @data.name
  (value_clause
    (value_item
      (string) @data.value)))
