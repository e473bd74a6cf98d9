# kinship_library(NAME SOURCES ... [DEPS ...] [PRIVATE_DEPS ...])
# A static library per pipeline stage, so a wrong-way dependency fails to link.
function(kinship_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS} kinship_warnings)
endfunction()

# kinship_test(NAME SOURCES ... DEPS ... [NEEDS_BINARY] [TRANSPORTS])
# One Catch2 executable per source folder; each TEST_CASE becomes a ctest test.
# NEEDS_BINARY: the tests run the real `kinship` executable (golden CLI tests), so it is
# built first; its path is KINSHIP_BINARY.
# Test executables live in other folders than the io_uring transport module, so every test
# is told where it is (KINSHIP_TRANSPORT_MODULE) and HTTP tests use it as `kinship` would.
# TRANSPORTS: every test runs twice, "NAME.<test>" on epoll and "NAME.io_uring.<test>" on
# io_uring (the second set only where io_uring works at configure time).
function(kinship_test name)
  cmake_parse_arguments(ARG "NEEDS_BINARY;TRANSPORTS" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} Catch2::Catch2WithMain kinship_warnings)
  target_compile_definitions(${name} PRIVATE
    KINSHIP_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    KINSHIP_BINARY="$<TARGET_FILE:kinship>")
  if(ARG_NEEDS_BINARY)
    add_dependencies(${name} kinship)
  endif()
  set(module_env "KINSHIP_TRANSPORT_MODULE=${KINSHIP_IO_URING_MODULE}")  # empty: none built
  if(KINSHIP_IO_URING_MODULE)
    add_dependencies(${name} kinship_io_uring)
  endif()
  if(ARG_TRANSPORTS)
    catch_discover_tests(${name} TEST_PREFIX "${name}."
      PROPERTIES TIMEOUT 300 ENVIRONMENT "${module_env};KINSHIP_TRANSPORT=epoll")
    if(KINSHIP_IO_URING_WORKS)
      # EXTRA_ARGS names the run; it also gives this second discovery its own file.
      catch_discover_tests(${name} TEST_PREFIX "${name}.io_uring." EXTRA_ARGS --name io_uring
        PROPERTIES TIMEOUT 300 ENVIRONMENT "${module_env};KINSHIP_TRANSPORT=io_uring")
    endif()
  else()
    catch_discover_tests(${name} TEST_PREFIX "${name}." PROPERTIES TIMEOUT 300 ENVIRONMENT "${module_env}")
  endif()
endfunction()
