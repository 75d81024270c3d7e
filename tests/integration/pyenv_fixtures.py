"""Makes the wheels and Dockerfiles of the pyenv integration test in a build context.

Usage: python3 pyenv_fixtures.py CONTEXT_DIR BASE_IMAGE

A wheel is a zip with a .dist-info (PEP 427); these are made here because this machine has no
PyPI. Each Dockerfile.<name> installs them with the image's own pip (`--no-index`), so RECORDs,
INSTALLER files and byte-code are exactly what pip writes.
"""
import base64
import hashlib
import os
import sys
import zipfile

ctx, base = sys.argv[1], sys.argv[2]
wheels = os.path.join(ctx, "wheels")
os.makedirs(wheels, exist_ok=True)


def digest(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def wheel(name, version, files, metadata="", tag="py3-none-any", top_level=None):
    stem = f"{name.replace('-', '_')}-{version}"
    info = f"{stem}.dist-info"
    files = {path: text.encode() for path, text in files.items()}
    files[f"{info}/METADATA"] = (f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + metadata).encode()
    files[f"{info}/WHEEL"] = (f"Wheel-Version: 1.0\nGenerator: drydock-test\nRoot-Is-Purelib: "
                              f"{'true' if tag.endswith('-any') else 'false'}\nTag: {tag}\n").encode()
    if top_level:
        files[f"{info}/top_level.txt"] = (top_level + "\n").encode()
    record = "".join(f"{p},sha256={digest(c)},{len(c)}\n" for p, c in files.items())
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    with zipfile.ZipFile(os.path.join(wheels, f"{stem}-{tag}.whl"), "w") as z:
        for p, c in files.items():
            z.writestr(p, c)


# The seed case: both ship the top-level package `multihash`.
wheel("pymultihash", "0.8.2", {
    "multihash/__init__.py": "from .multihash import *\n",
    "multihash/multihash.py": "class Multihash:\n    pass\n",
}, top_level="multihash")
wheel("py-multihash", "2.0.1", {
    "multihash/__init__.py": "from .funcs import Func\n",
    "multihash/multihash.py": "from .funcs import Func\n",
    "multihash/funcs.py": "class Func:\n    pass\n",
}, top_level="multihash")

# Broken requirements, installed with --no-deps: one missing, one conflicting, markers that do
# not hold here (pip check skips them), and an extra whose own requirement is missing (pip check
# does not follow extras; drydock reports that separately as PY2006).
wheel("app", "1.0", {"app/__init__.py": "import dep\n"}, metadata=(
    "Requires-Dist: missing-dep\n"
    "Requires-Dist: dep<2\n"
    "Requires-Dist: dep[fast]\n"
    "Requires-Dist: win-only; sys_platform == \"win32\"\n"
    "Requires-Dist: old-py; python_version < \"3\"\n"))
wheel("dep", "2.0", {"dep/__init__.py": ""}, metadata=(
    "Provides-Extra: fast\n"
    "Requires-Dist: speedup; extra == \"fast\"\n"))
# Built for another architecture: pip check reports it as not supported on this platform.
wheel("armthing", "1.0", {"armthing/__init__.py": ""}, tag="cp311-cp311-manylinux2014_aarch64")
# Installed into Debian's system Python (/usr/local/lib/python3.11/dist-packages), beside apt's pip.
wheel("sysapp", "1.0", {"sysapp/__init__.py": ""}, metadata=(
    "Requires-Dist: nothere>=1\n"
    "Requires-Dist: pip<1\n"))

with open(os.path.join(ctx, "app.py"), "w") as f:
    f.write("import multihash\nprint(multihash.Func.__name__)\n")

pip_install = "pip install --no-index --no-cache-dir --disable-pip-version-check --no-warn-script-location -q"
venv = "python3 -m venv /opt/venv"
dockerfiles = {
    # A venv gets pymultihash, then py-multihash over it. The fixed variant also deletes the
    # wheels after installing them (direct_url.json then names a file that is gone: normal).
    "clobber": f"""FROM {base}
COPY wheels/ /wheels/
RUN {venv} && /opt/venv/bin/{pip_install} /wheels/pymultihash-0.8.2-py3-none-any.whl \\
 && /opt/venv/bin/{pip_install} /wheels/py_multihash-2.0.1-py3-none-any.whl
COPY app.py /app/app.py
USER nobody
CMD ["/opt/venv/bin/python", "/app/app.py"]
""",
    "clobber-fixed": f"""FROM {base}
COPY wheels/ /wheels/
RUN {venv} && /opt/venv/bin/{pip_install} /wheels/py_multihash-2.0.1-py3-none-any.whl && rm -rf /wheels
COPY app.py /app/app.py
USER nobody
CMD ["/opt/venv/bin/python", "/app/app.py"]
""",
    # Debian's python3 only: there is no `python`.
    "python-cmd": f"""FROM {base}
COPY app.py /app/app.py
USER nobody
CMD ["python", "-c", "print('hello')"]
""",
    "python-cmd-fixed": f"""FROM {base}
COPY app.py /app/app.py
USER nobody
CMD ["python3", "-c", "print('hello')"]
""",
    "broken-requirements": f"""FROM {base}
COPY wheels/ /wheels/
RUN {venv} && /opt/venv/bin/{pip_install} --no-deps /wheels/app-1.0-py3-none-any.whl \\
      /wheels/dep-2.0-py3-none-any.whl \\
 && /opt/venv/bin/{pip_install} --no-deps --only-binary=:all: --platform manylinux2014_aarch64 \\
      --target /opt/venv/lib/python3.11/site-packages /wheels/armthing-1.0-cp311-cp311-manylinux2014_aarch64.whl \\
 && python3 -m {pip_install} --break-system-packages --no-deps /wheels/sysapp-1.0-py3-none-any.whl \\
 && rm -rf /wheels
USER nobody
CMD ["/opt/venv/bin/python", "-c", "import app"]
""",
}
for name, text in dockerfiles.items():
    with open(os.path.join(ctx, f"Dockerfile.{name}"), "w") as f:
        f.write(text)
