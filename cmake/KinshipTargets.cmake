# kinship_library(NAME SOURCES ... [DEPS ...] [PRIVATE_DEPS ...])
# A static library per pipeline stage, so a wrong-way dependency fails to link.
function(kinship_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS} kinship_warnings)
endfunction()

# kinship_test(NAME SOURCES ... DEPS ... [NEEDS_BINARY])
# One Catch2 executable per source folder; each TEST_CASE becomes a ctest test.
# NEEDS_BINARY: the tests run the real `kinship` executable (golden CLI tests), so it is
# built first; its path is KINSHIP_BINARY.
function(kinship_test name)
  cmake_parse_arguments(ARG "NEEDS_BINARY" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} Catch2::Catch2WithMain kinship_warnings)
  target_compile_definitions(${name} PRIVATE
    KINSHIP_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    KINSHIP_BINARY="$<TARGET_FILE:kinship>")
  if(ARG_NEEDS_BINARY)
    add_dependencies(${name} kinship)
  endif()
  catch_discover_tests(${name} TEST_PREFIX "${name}." PROPERTIES TIMEOUT 300)
endfunction()
