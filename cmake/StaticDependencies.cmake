# The libraries the shipped programs link, chosen per program: static archives for the
# `kinship` executable and its io_uring module, shared libraries for everything else.
#
# Why: a run is often a fraction of a second, and the dynamic loader was a large part of
# starting one. Binding OpenSSL, ICU, SQLite, libyaml, Boost.Program_options and libstdc++
# at load time (about 8,000 symbol look-ups and their page faults) made `kinship --version`
# take ~14 ms against ~7 ms for the same program with those archives linked in
# (bench/README.md, "Session 6"). Test and benchmark executables keep the shared
# libraries: a static ICU adds its 31 MB of data to every program that links it.
#
# Usage: link the kinship_dep_* targets below instead of the packages' own targets, and
# mark a shipped program with kinship_link_static_dependencies(TARGET). The choice is made
# when the final program is linked: each kinship_dep_* target reads the property
# KINSHIP_STATIC_DEPS of the program being linked (the "head" target), so the same static
# stage libraries serve both kinds of program.
#
# KINSHIP_STATIC_DEPS=OFF, KINSHIP_SANITIZE=ON or any archive missing gives shared
# libraries everywhere.
option(KINSHIP_STATIC_DEPS "Link kinship and its io_uring module with static archives of their dependencies" ON)

set(KINSHIP_STATIC_DEPS_USABLE ${KINSHIP_STATIC_DEPS})
if(KINSHIP_SANITIZE)
  # The sanitizers' runtimes replace operator new and malloc; a libstdc++ linked into the
  # program would bring its own operator new. Sanitized builds are for finding bugs.
  set(KINSHIP_STATIC_DEPS_USABLE OFF)
endif()
if(KINSHIP_STATIC_DEPS_USABLE)
  # KINSHIP_STATIC_<name>: the path of <name>.a.
  foreach(archive IN ITEMS libssl libcrypto libsqlite3 libicuuc libicudata libyaml libboost_program_options)
    find_file(KINSHIP_STATIC_${archive} ${archive}.a
      PATHS /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE} /usr/local/lib /usr/lib NO_DEFAULT_PATH)
    if(NOT KINSHIP_STATIC_${archive})
      message(STATUS "${archive}.a not found: kinship links shared libraries")
      set(KINSHIP_STATIC_DEPS_USABLE OFF)
    endif()
  endforeach()
endif()

# kinship_dep(NAME SHARED <targets...> STATIC <archives and libraries...>)
function(kinship_dep name)
  cmake_parse_arguments(ARG "" "" "SHARED;STATIC" ${ARGN})
  add_library(${name} INTERFACE)
  if(KINSHIP_STATIC_DEPS_USABLE)
    # Headers always come from the package's target; only what is linked differs.
    foreach(shared_target IN LISTS ARG_SHARED)
      target_include_directories(${name} SYSTEM INTERFACE
        $<TARGET_PROPERTY:${shared_target},INTERFACE_INCLUDE_DIRECTORIES>)
      target_compile_definitions(${name} INTERFACE
        $<TARGET_PROPERTY:${shared_target},INTERFACE_COMPILE_DEFINITIONS>)
    endforeach()
    set(static_genex "$<BOOL:$<TARGET_PROPERTY:KINSHIP_STATIC_DEPS>>")
    target_link_libraries(${name} INTERFACE
      "$<${static_genex}:${ARG_STATIC}>"
      "$<$<NOT:${static_genex}>:${ARG_SHARED}>")
  else()
    target_link_libraries(${name} INTERFACE ${ARG_SHARED})
  endif()
endfunction()

kinship_dep(kinship_dep_openssl
  SHARED OpenSSL::SSL OpenSSL::Crypto
  STATIC ${KINSHIP_STATIC_libssl} ${KINSHIP_STATIC_libcrypto} Threads::Threads ${CMAKE_DL_LIBS})
kinship_dep(kinship_dep_sqlite
  SHARED SQLite::SQLite3
  STATIC ${KINSHIP_STATIC_libsqlite3} Threads::Threads ${CMAKE_DL_LIBS} m)
kinship_dep(kinship_dep_icu
  SHARED ICU::uc
  STATIC ${KINSHIP_STATIC_libicuuc} ${KINSHIP_STATIC_libicudata} Threads::Threads ${CMAKE_DL_LIBS})
kinship_dep(kinship_dep_yaml
  SHARED libyaml::libyaml
  STATIC ${KINSHIP_STATIC_libyaml})
kinship_dep(kinship_dep_program_options
  SHARED Boost::program_options
  STATIC ${KINSHIP_STATIC_libboost_program_options})

# kinship_link_static_dependencies(TARGET): TARGET links the archives above, and libstdc++
# and libgcc statically, so that at start-up the loader maps libc and libm alone.
function(kinship_link_static_dependencies target)
  if(KINSHIP_STATIC_DEPS_USABLE)
    set_target_properties(${target} PROPERTIES KINSHIP_STATIC_DEPS ON)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()
