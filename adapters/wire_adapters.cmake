# The HTTP wire codecs (openai, azure-openai, anthropic, gemini, ollama), the `command`
# adapter and their shared helpers. Included from adapters/CMakeLists.txt.
kinship_library(kinship_wire_adapters
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/wire/adapter_options.cpp
    ${CMAKE_CURRENT_LIST_DIR}/wire/api_key.cpp
    ${CMAKE_CURRENT_LIST_DIR}/wire/sse_parser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/wire/wire_errors.cpp
    ${CMAKE_CURRENT_LIST_DIR}/wire/wire_json.cpp
    ${CMAKE_CURRENT_LIST_DIR}/openai/openai_adapter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/openai/openai_codec.cpp
    ${CMAKE_CURRENT_LIST_DIR}/azure/azure_openai_adapter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/anthropic/anthropic_adapter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gemini/gemini_adapter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ollama/ollama_adapter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/command/command_adapter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/command/subprocess.cpp
  DEPS kinship_core nlohmann_json::nlohmann_json
  PRIVATE_DEPS fmt::fmt)
