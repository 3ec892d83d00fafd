"""Runs a command with a pseudo-terminal as its controlling terminal (stdin and stderr on the terminal) while its
stdout stays this driver's stdout, a pipe to the test. Waits until the terminal shows WAIT_FOR, then types KEYS (hex)
one byte at a time, and writes everything the terminal showed to TRANSCRIPT.

usage: pty_driver.py TRANSCRIPT WAIT_FOR KEYS_HEX COMMAND [ARGS...]
"""
import os
import pty
import select
import sys
import time

transcript_path, wait_for, keys = sys.argv[1], sys.argv[2].encode(), bytes.fromhex(sys.argv[3])
command = sys.argv[4:]
test_stdout = os.dup(1)
pid, master = pty.fork()
if pid == 0:
    os.dup2(test_stdout, 1)
    os.execvp(command[0], command)

shown = bytearray()
deadline = time.time() + 60
exit_status = None


def child_exited():
    global exit_status
    if exit_status is None:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            exit_status = status
    return exit_status is not None


def pump(seconds):
    """Reads what the terminal shows for up to SECONDS; False once the child has exited and nothing is left."""
    end = min(time.time() + seconds, deadline)
    while time.time() < end:
        ready, _, _ = select.select([master], [], [], max(0.0, min(0.05, end - time.time())))
        if not ready:
            if child_exited():
                return False
            continue
        try:
            data = os.read(master, 4096)
        except OSError:
            # EIO: no process holds the terminal open right now (the child may open /dev/tty again later).
            if child_exited():
                return False
            time.sleep(0.02)
            continue
        shown.extend(data)
    return True


while wait_for not in shown and time.time() < deadline:
    if not pump(0.1):
        break
for key in keys:
    os.write(master, bytes([key]))
    pump(0.05)
while pump(1.0) and time.time() < deadline:
    pass
if not child_exited():
    _, exit_status = os.waitpid(pid, 0)
with open(transcript_path, "wb") as transcript:
    transcript.write(bytes(shown))
sys.exit(os.waitstatus_to_exitcode(exit_status))
