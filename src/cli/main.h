// drydock's entry point: global flags, dispatch through the command table, exit status.
#ifndef DRYDOCK_CLI_MAIN_H_
#define DRYDOCK_CLI_MAIN_H_

namespace drydock::cli {

int Main(int argc, char** argv);

}  // namespace drydock::cli

#endif  // DRYDOCK_CLI_MAIN_H_
