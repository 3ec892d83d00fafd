"""Runs a command the way a person at a terminal meets it, while its stdout goes where the AWS CLI's credential_process
and bash's eval "$(...)" send it: a pseudo-terminal (200 columns) is the child's controlling terminal (and its stdin
and stderr), while its stdout is a pipe whose bytes go to a file. The module's Pester suites and the native client's
process tests share this one driver.

usage: pty_run.py [--wait TEXT --keys KEYS] [--answer TEXT KEYS]... [--phone] [--second right|wrong]
                  [--timeout SECONDS] STDOUT_FILE TRANSCRIPT_FILE -- COMMAND [ARGS...]

  --wait TEXT --keys KEYS  types KEYS once, when the terminal first shows TEXT (give "\\r" for Enter).
  --answer TEXT KEYS       types KEYS each time the terminal shows TEXT anew (may be given more than once).
  --phone                  is the person's phone: reads the otpauth URI the command shows (run it with the option that
                           shows the URI) and answers each "Code shown now: " prompt with the code of the current
                           30-second step, each "Next code (wait for it to change): " with the next step's code, or,
                           with --second wrong, a code ten steps later.

Writes what the child printed on stdout to STDOUT_FILE and what the terminal showed to TRANSCRIPT_FILE, and exits with
the child's exit code (124 when it ran past --timeout, default 60 s, and was killed).
"""
import base64
import fcntl
import hashlib
import hmac
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
import urllib.parse

FIRST, SECOND = b"Code shown now: ", b"Next code (wait for it to change): "


class Answer:
    """KEYS typed when TEXT appears: once, or each time it appears anew."""

    def __init__(self, text, keys, every):
        self.text, self.keys, self.every, self.answered = text.encode(), keys, every, 0

    def due(self, shown):
        seen = shown.count(self.text)
        return seen > self.answered and (self.every or self.answered == 0)


def keys_of(text):
    return text.encode().decode("unicode_escape").encode("latin-1")


def parse(argv):
    answers, phone, second, timeout, wait = [], False, "right", 60.0, None
    while argv and argv[0].startswith("--") and argv[0] != "--":
        option, argv = argv[0], argv[1:]
        if option == "--phone":
            phone = True
        elif option == "--answer":
            answers.append(Answer(argv[0], keys_of(argv[1]), every=True))
            argv = argv[2:]
        elif option == "--wait":
            wait, argv = argv[0], argv[1:]
        elif option == "--keys":
            answers.append(Answer(wait or "", keys_of(argv[0]), every=False))
            argv = argv[1:]
        elif option == "--second":
            second, argv = argv[0], argv[1:]
        elif option == "--timeout":
            timeout, argv = float(argv[0]), argv[1:]
        else:
            sys.exit(f"unknown option {option}")
    if len(argv) < 4 or argv[2] != "--":
        sys.exit("usage: pty_run.py [options] STDOUT_FILE TRANSCRIPT_FILE -- COMMAND [ARGS...]")
    return answers, phone, second, timeout, argv[0], argv[1], argv[3:]


def code(secret, step):
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def secret_shown(shown):
    match = re.search(rb"otpauth://totp/[^\s\x1b]+", shown)
    if not match:
        return None
    query = urllib.parse.parse_qs(urllib.parse.urlparse(match.group(0).decode()).query)
    text = query["secret"][0].upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))


class Terminal:
    """The child on a pseudo-terminal, its stdout on a pipe; pump() collects both."""

    def __init__(self, command, deadline):
        read_end, write_end = os.pipe()
        pid, master = pty.fork()
        if pid == 0:
            os.dup2(write_end, 1)
            os.close(write_end)
            os.close(read_end)
            os.execvp(command[0], command)
        os.close(write_end)
        fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        self.pid, self.master, self.read_end, self.deadline = pid, master, read_end, deadline
        self.shown, self.printed, self.pipe_open = bytearray(), bytearray(), True

    def pump(self, seconds):
        end = min(time.time() + seconds, self.deadline)
        while time.time() < end:
            sources = [self.master] + ([self.read_end] if self.pipe_open else [])
            ready, _, _ = select.select(sources, [], [], max(0.0, min(0.05, end - time.time())))
            if not ready:
                return
            for source in ready:
                try:
                    data = os.read(source, 4096)
                except OSError:
                    data = b""
                    if source == self.master:
                        time.sleep(0.02)
                        continue
                if source == self.read_end:
                    if data:
                        self.printed.extend(data)
                    else:
                        self.pipe_open = False
                else:
                    self.shown.extend(data)

    def type(self, keys):
        for key in keys:
            os.write(self.master, bytes([key]))
            self.pump(0.02)


def main():
    answers, phone, second, timeout, stdout_path, transcript_path, command = parse(sys.argv[1:])
    terminal = Terminal(command, time.time() + timeout)
    phone_first = phone_second = 0
    first_step, status = 0, None
    while time.time() < terminal.deadline:
        terminal.pump(0.1)
        for answer in answers:
            if answer.due(terminal.shown):
                answer.answered += 1
                terminal.type(answer.keys)
        secret = secret_shown(terminal.shown) if phone else None
        if secret is not None and terminal.shown.count(FIRST) > phone_first:
            phone_first += 1
            first_step = int(time.time()) // 30
            terminal.type(code(secret, first_step).encode() + b"\r")
        if secret is not None and terminal.shown.count(SECOND) > phone_second:
            phone_second += 1
            terminal.type(code(secret, first_step + (1 if second == "right" else 10)).encode() + b"\r")
        done, child_status = os.waitpid(terminal.pid, os.WNOHANG)
        if done:
            status = child_status
            break
    if status is None:
        os.kill(terminal.pid, signal.SIGKILL)
        os.waitpid(terminal.pid, 0)
    drained = time.time() + 2
    terminal.pump(0.2)
    while terminal.pipe_open and time.time() < drained:
        terminal.pump(0.1)
    with open(stdout_path, "wb") as handle:
        handle.write(bytes(terminal.printed))
    with open(transcript_path, "wb") as handle:
        handle.write(bytes(terminal.shown))
    sys.exit(124 if status is None else os.waitstatus_to_exitcode(status))


main()
