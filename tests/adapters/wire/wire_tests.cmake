# Tests of the wire codecs, the SSE parser, the wire helpers and the command adapter.
# Included from tests/adapters/CMakeLists.txt.
kinship_test(wire_tests
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/anthropic_adapter_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure_openai_adapter_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/command_adapter_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gemini_adapter_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ollama_adapter_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/openai_codec_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sse_parser_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/wire_errors_test.cpp
  DEPS kinship_wire_adapters kinship_core nlohmann_json::nlohmann_json)
