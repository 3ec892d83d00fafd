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


def pump(seconds):
    """Reads what the terminal shows for up to SECONDS; False once the child closed it."""
    end = min(time.time() + seconds, deadline)
    while time.time() < end:
        ready, _, _ = select.select([master], [], [], max(0.0, end - time.time()))
        if not ready:
            return True
        try:
            data = os.read(master, 4096)
        except OSError:
            return False
        if not data:
            return False
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
_, status = os.waitpid(pid, 0)
with open(transcript_path, "wb") as transcript:
    transcript.write(bytes(shown))
sys.exit(os.waitstatus_to_exitcode(status))
