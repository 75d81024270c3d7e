# Cases for DD4004 sudo-in-run. A `# expect: ID` line marks a finding on the next instruction;
# every other instruction must stay silent for this rule.
FROM debian:bookworm-slim
# expect: DD4004
RUN sudo apt-get update
# expect: DD4004
RUN set -e; echo start && sudo -u nobody true
RUN echo "sudo is only mentioned here" && useradd -m sudoer
RUN apt-get install -y sudo
USER nobody
