# Cases for DD3006 vcs-requirement-unpinned. `# expect: DD3006` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
# context-line: requirements.txt requests==2.32.3
# context-line: requirements.txt # a comment about git+https://example.com/x.git
# context-line: requirements.txt mylib @ git+https://github.com/org/mylib.git@main
# context-line: requirements.txt -r extra.txt
# context-line: extra.txt git+https://github.com/org/pinned.git@0123456789abcdef0123456789abcdef01234567#egg=pinned
# context-line: extra.txt git+ssh://git@github.com/org/private.git
# context-line: pinned.txt git+https://github.com/org/lib.git@0123456789abcdef0123456789abcdef01234567
FROM python:3.12
WORKDIR /app
# expect: DD3006
RUN pip install git+https://github.com/org/lib.git@main
# expect: DD3006
RUN pip install "git+ssh://git@github.com/org/lib.git"
# expect: DD3006
RUN pip install git+https://github.com/org/lib.git@v1.2.3#egg=lib
RUN pip install git+https://github.com/org/lib.git@0123456789abcdef0123456789abcdef01234567
# expect: DD3006
RUN pip install https://github.com/org/lib/archive/refs/heads/main.zip
RUN pip install https://github.com/org/lib/archive/0123456789abcdef0123456789abcdef01234567.tar.gz
RUN pip install https://files.pythonhosted.org/packages/ab/cd/lib-1.0-py3-none-any.whl
# expect: DD3006, DD3006
RUN pip install "lib @ git+https://gitlab.com/org/lib.git@develop" git+https://github.com/org/two.git
RUN pip install requests==2.32.3 'flask>=3'
COPY requirements.txt extra.txt pinned.txt ./
# Two unpinned entries, one through -r extra.txt.
# expect: DD3006, DD3006
RUN pip install --no-cache-dir -r requirements.txt
RUN pip install -r pinned.txt
# Not copied into the image: nothing to read.
RUN pip install -r /elsewhere/requirements.txt
