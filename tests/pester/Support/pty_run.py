"""Runs a command the way the AWS CLI runs a credential_process and bash runs eval "$(...)": a pseudo-terminal is
the child's controlling terminal (and its stdin and stderr), while its stdout is a pipe whose bytes go to a file.

usage: pty_run.py [--wait TEXT] [--keys TEXT] [--timeout SECONDS] STDOUT_FILE TRANSCRIPT_FILE -- COMMAND [ARGS...]

Waits until the terminal shows --wait, then types --keys one character at a time (give "\\r" for Enter); without
--wait nothing is typed. Writes what the child printed on stdout to STDOUT_FILE and what the terminal showed to
TRANSCRIPT_FILE, and exits with the child's exit code (124 when it ran past --timeout and was killed).
"""
import os
import pty
import select
import signal
import sys
import time

args = sys.argv[1:]
wait_for, keys, timeout = None, b"", 60.0
while args and args[0].startswith("--") and args[0] != "--":
    option, value, args = args[0], args[1], args[2:]
    if option == "--wait":
        wait_for = value.encode()
    elif option == "--keys":
        keys = value.encode().decode("unicode_escape").encode("latin-1")
    elif option == "--timeout":
        timeout = float(value)
    else:
        sys.exit(f"unknown option {option}")
stdout_path, transcript_path = args[0], args[1]
command = args[3:] if args[2] == "--" else sys.exit("missing --")

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
status = None
pipe_open, typed = True, wait_for is None and not keys


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


while time.time() < deadline:
    pump(0.1)
    if not typed and (wait_for is None or wait_for in shown):
        for key in keys:
            os.write(master, bytes([key]))
            pump(0.03)
        typed = True
    if status is None:
        done, child_status = os.waitpid(pid, os.WNOHANG)
        if done:
            status = child_status
    if status is not None and not pipe_open:
        break
    if status is not None:
        pump(0.2)
        break
if status is None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    code = 124
else:
    code = os.waitstatus_to_exitcode(status)
pump(0.2)
with open(stdout_path, "wb") as handle:
    handle.write(bytes(printed))
with open(transcript_path, "wb") as handle:
    handle.write(bytes(shown))
sys.exit(code)
