# Cases for DD4002 curl-pipe-shell. `# expect: DD4002` marks a finding on the next instruction.
FROM debian:bookworm-slim
# expect: DD4002
RUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -
# expect: DD4002
RUN wget -qO- https://install.example.com | sudo -E sh -s -- --prefix=/usr/local
# expect: DD4002
RUN curl -sSL https://bootstrap.pypa.io/get-pip.py | python3
# expect: DD4002
RUN curl -fsSL https://example.com/install.sh | tee /tmp/install.log | sh
# expect: DD4002
RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
# expect: DD4002
RUN bash <(curl -fsSL https://example.com/install.sh)
# expect: DD4002
RUN wget -O - https://example.com/setup | bash
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local
RUN curl -s https://api.github.com/repos/x/y/releases/latest | python3 -c "import json,sys; print(json.load(sys.stdin)['tag_name'])"
RUN curl -s https://api.example.com/v | jq -r .version | sh -c 'read v; echo $v'
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
 && echo "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh
RUN curl -fsSL https://example.com/install.sh -o /tmp/i.sh | sh
RUN wget https://example.com/install.sh | sh
RUN curl -fsSL https://example.com/key | gpg --dearmor -o /usr/share/keyrings/example.gpg
RUN echo "curl https://example.com | sh" > /README
RUN perl -e 'print "curl | sh\n"'
