// kinship: the executable is this file alone; everything else is in the stage libraries.
#include "harness/cli/dispatch.h"

int main(int argc, char** argv) { return kinship::RunCli(argc, argv); }
