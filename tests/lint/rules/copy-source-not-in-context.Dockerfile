# Cases for DD8003 copy-source-not-in-context. `# expect: DD8003` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
# context-line: .dockerignore secret.txt
# context-line: .dockerignore *.log
# context-line: .dockerignore cache
# context-line: .dockerignore !cache/keep.txt
# context-file: app.py 10
# context-file: src/main.py 10
# context-file: src/util.py 10
# context-file: secret.txt 10
# context-file: debug.log 10
# context-file: cache/keep.txt 10
# context-file: cache/drop.txt 10
FROM python:3.12-slim
COPY app.py /app/
COPY src /app/src
COPY ./src/*.py /app/
COPY /app.py /srv/
COPY . /all/
# An exception re-includes it.
COPY cache/keep.txt /app/
# expect: DD8003
COPY cache/drop.txt /app/
# expect: DD8003
COPY secret.txt /app/
# expect: DD8003
COPY missing.txt /app/
# expect: DD8003
COPY *.log /app/
# expect: DD8003
COPY *.none /app/
# expect: DD8003
COPY ../outside /app/
# expect: DD8003, DD8003
ADD nope.tar.gz missing/ /app/
# Not read from the context: another stage or image, a URL, a heredoc, a variable.
COPY --from=busybox:1.36 /missing /x
ADD https://example.com/x.tar.gz /tmp/
COPY <<EOF /app/generated.txt
hello
EOF
ARG SRC=missing
COPY ${SRC} /app/
