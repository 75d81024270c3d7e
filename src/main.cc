#include "cli/main.h"

int main(int argc, char** argv) { return drydock::cli::Main(argc, argv); }
