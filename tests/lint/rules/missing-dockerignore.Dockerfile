# Cases for DD8001 missing-dockerignore. `# expect: DD8001` marks a finding on the next
# instruction; every other instruction must stay silent for this rule. The context has no
# .dockerignore (the silent case with one is in seed_cases_test.cc).
# context-file: app.py 120
# context-file: requirements.txt 30
FROM python:3.12-slim AS build
WORKDIR /app
# Narrow copies are fine without an ignore file.
COPY requirements.txt app.py ./
# A COPY from another stage or image does not read the context.
COPY --from=busybox:1.36 . /busybox
# expect: DD8001
COPY . .
# One finding per file: the fix is one .dockerignore.
COPY ./ /srv/
