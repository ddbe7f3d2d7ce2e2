; Nodes the dependency model reads from a COBOL program.
; Capture names are the keys that migrate/parse/cobol.py looks up.

(program_definition) @program

(procedure_param) @using

(call_statement) @call

(move_statement
  src: (string) @move.value
  dst: (qualified_word) @move.target)

(data_description
  (entry_name) @data.name
  (value_clause
    (value_item
      (string) @data.value)))

(ERROR) @error
