# Runs one whole-binary case: DRYDOCK=<binary> CASE=<dir>. The case folder holds `args` (one
# argument per line), optional `stdin`, and the expected `stdout`, `stderr` and `exit_code`.
# With DRYDOCK_UPDATE_GOLDEN=1 in the environment the expectations are rewritten instead.
file(STRINGS "${CASE}/args" args ENCODING UTF-8)
set(input_args)
if(EXISTS "${CASE}/stdin")
  set(input_args INPUT_FILE "${CASE}/stdin")
endif()
execute_process(COMMAND "${DRYDOCK}" ${args}
  WORKING_DIRECTORY "${CASE}"
  ${input_args}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code)
if("$ENV{DRYDOCK_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE "${CASE}/stdout" "${out}")
  file(WRITE "${CASE}/stderr" "${err}")
  file(WRITE "${CASE}/exit_code" "${code}\n")
  return()
endif()
file(READ "${CASE}/stdout" want_out)
file(READ "${CASE}/stderr" want_err)
file(STRINGS "${CASE}/exit_code" want_code)
set(failed FALSE)
if(NOT out STREQUAL want_out)
  message(SEND_ERROR "stdout differs.\n--- got\n${out}--- want\n${want_out}")
  set(failed TRUE)
endif()
if(NOT err STREQUAL want_err)
  message(SEND_ERROR "stderr differs.\n--- got\n${err}--- want\n${want_err}")
  set(failed TRUE)
endif()
if(NOT code STREQUAL want_code)
  message(SEND_ERROR "exit code ${code}, want ${want_code}")
endif()
