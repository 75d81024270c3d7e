# Cases for DD5002 add-instead-of-copy. `# expect: DD5002` marks a finding on the next instruction.
FROM debian:bookworm-slim
# expect: DD5002
ADD app.py /app/
# expect: DD5002
ADD . /src
# expect: DD5002
ADD --chown=app:app config/ settings.ini /etc/app/
# expect: DD5002
ADD release.zip /opt/
# expect: DD5002
ADD https://example.com/tool-1.2.tar.gz /tmp/
# expect: DD5002, DD5002
ADD https://example.com/a.txt https://example.com/b.txt /data/
ADD rootfs.tar.xz /
ADD vendor.tgz deps.tar.bz2 /opt/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.2.tar.gz /tmp/
ADD https://github.com/moby/buildkit.git#v0.14.0 /buildkit
ADD git@github.com:example/private.git /src/private
ADD ${ARTIFACT} /opt/
ADD bundle.tar.gz extra-notes.txt /opt/
COPY app.py /app/
ADD <<EOF /etc/motd
hello
EOF
