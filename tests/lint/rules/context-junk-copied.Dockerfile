# Cases for DD8002 context-junk-copied. `# expect: DD8002` marks a finding on the next
# instruction (one per junk entry it takes); every other instruction must stay silent.
# context-line: .dockerignore node_modules
# context-line: .dockerignore *.log
# context-line: .env API_TOKEN=x
# context-line: .env.example API_TOKEN=
# context-file: .git/HEAD 21
# context-file: .git/objects/ab/cdef 300
# context-file: venv/pyvenv.cfg 60
# context-file: venv/bin/python 10
# context-file: models.zip 2000000
# context-file: fixture.zip 100
# context-file: node_modules/left-pad/index.js 40
# context-file: debug.log 5
# context-file: src/app.py 500
# context-file: src/__pycache__/app.cpython-312.pyc 700
# context-file: tools/venv-notes.txt 5
FROM python:3.12-slim
WORKDIR /app
# A narrow COPY takes only what is under its source: here src/__pycache__.
# expect: DD8002
COPY src/ src/
# Not junk: tools/ has no pyvenv.cfg.
COPY tools/ tools/
# .env (an error), .git/, models.zip and venv/; not fixture.zip (under 1 MiB), node_modules and
# debug.log (ignored), .env.example (a template), src/__pycache__ (reported above).
# expect: DD8002, DD8002, DD8002, DD8002
COPY . .
# Already reported at the first COPY that takes them.
COPY . /srv/
COPY --from=busybox:1.36 /bin /busybox
