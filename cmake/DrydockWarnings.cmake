# One warning list for every drydock target; -Werror when DRYDOCK_WERROR is on (CI turns it on).
function(drydock_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                         -Wimplicit-fallthrough -Wno-unused-parameter)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports impossible overlaps inside std::string's own code at -O2 (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(DRYDOCK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# drydock_add_module(name SOURCES ... DEPS ...): one static library per module.
# Only the listed DEPS are linked, so an upward include fails to link.
function(drydock_add_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  add_library(drydock_${name} STATIC ${M_SOURCES})
  target_include_directories(drydock_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(drydock_${name} PUBLIC ${M_DEPS})
  drydock_set_warnings(drydock_${name})
endfunction()
