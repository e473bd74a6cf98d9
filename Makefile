# The two commands of the quick start: `make demo` and `make test`.
# Both install missing Debian packages (scripts/setup.sh), configure with CMake + Ninja
# and build. BUILD_DIR and BUILD_TYPE may be overridden: `make test BUILD_TYPE=Debug`.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CTEST_ARGS ?=

.PHONY: all setup configure build demo test clean

all: build

setup:
	@scripts/setup.sh

configure: setup
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null; \
	fi

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	@$(BUILD_DIR)/kinship demo

# Tests also need what scripts/setup.sh --tests adds (Chromium, for the HTML report test).
test: build
	@scripts/setup.sh --tests
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) $(CTEST_ARGS)

clean:
	rm -rf $(BUILD_DIR)
