"""Runs `stsftw enroll` as an admin at a terminal would, with the person's phone beside it: a pseudo-terminal is the
child's controlling terminal (and its stdin and stderr) while its stdout is a pipe whose bytes go to a file.

usage: enroll_pty.py [--second right|wrong] [--timeout SECONDS] STDOUT_FILE TRANSCRIPT_FILE -- COMMAND [ARGS...]

Reads the otpauth URI the command shows on the terminal (run it with --show-uri), then answers each "Code shown now"
prompt with the code of the current 30-second step and each "Next code" prompt with the next step's code (--second
right, the default) or a code of a step ten later (--second wrong). Writes stdout to STDOUT_FILE and the terminal to
TRANSCRIPT_FILE, and exits with the child's exit code (124 when it ran past --timeout and was killed).
"""
import base64
import hashlib
import hmac
import os
import pty
import re
import select
import signal
import struct
import sys
import time
import urllib.parse

FIRST, SECOND = b"Code shown now: ", b"Next code (wait for it to change): "

args = sys.argv[1:]
second_mode, timeout = "right", 60.0
while args and args[0].startswith("--") and args[0] != "--":
    option, value, args = args[0], args[1], args[2:]
    if option == "--second":
        second_mode = value
    elif option == "--timeout":
        timeout = float(value)
    else:
        sys.exit(f"unknown option {option}")
stdout_path, transcript_path = args[0], args[1]
command = args[3:] if args[2] == "--" else sys.exit("missing --")


def code(secret, step):
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def secret_of(shown):
    match = re.search(rb"otpauth://totp/[^\s\x1b]+", shown)
    if not match:
        return None
    query = urllib.parse.parse_qs(urllib.parse.urlparse(match.group(0).decode()).query)
    text = query["secret"][0].upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))


read_end, write_end = os.pipe()
pid, master = pty.fork()
if pid == 0:
    os.dup2(write_end, 1)
    os.close(write_end)
    os.close(read_end)
    os.execvp(command[0], command)
os.close(write_end)

shown, printed = bytearray(), bytearray()
deadline = time.time() + timeout
pipe_open, status = True, None
answered_first = answered_second = 0
first_step = 0


def pump(seconds):
    global pipe_open
    end = min(time.time() + seconds, deadline)
    while time.time() < end:
        sources = [master] + ([read_end] if pipe_open else [])
        ready, _, _ = select.select(sources, [], [], max(0.0, min(0.05, end - time.time())))
        if not ready:
            return
        for source in ready:
            try:
                data = os.read(source, 4096)
            except OSError:
                data = b""
                if source == master:
                    time.sleep(0.02)
                    continue
            if source == read_end:
                if data:
                    printed.extend(data)
                else:
                    pipe_open = False
            else:
                shown.extend(data)


def type_text(text):
    for key in text.encode() + b"\r":
        os.write(master, bytes([key]))
        pump(0.02)


while time.time() < deadline:
    pump(0.1)
    secret = secret_of(shown)
    if secret is not None and shown.count(FIRST) > answered_first:
        answered_first += 1
        first_step = int(time.time()) // 30
        type_text(code(secret, first_step))
    if secret is not None and shown.count(SECOND) > answered_second:
        answered_second += 1
        type_text(code(secret, first_step + (1 if second_mode == "right" else 10)))
    if status is None:
        done, child_status = os.waitpid(pid, os.WNOHANG)
        if done:
            status = child_status
    if status is not None:
        break
else:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    status = None

pump(0.2)
with open(stdout_path, "wb") as f:
    f.write(printed)
with open(transcript_path, "wb") as f:
    f.write(shown)
sys.exit(124 if status is None else os.waitstatus_to_exitcode(status))
