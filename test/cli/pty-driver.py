# Drives the built xinfang binary under a real pseudo-terminal (stdin, stderr and, unless
# piped, stdout on the pty), typing keys when text appears. Used by register-pty.test.ts.
# Input: one JSON object on stdin {argv, env, steps: [[wait_for, keys]], stdout_pipe, timeout}.
# Output: JSON {code, screen, stdout}.
import json, os, pty, select, signal, sys, time

spec = json.load(sys.stdin)
out_r, out_w = os.pipe() if spec.get('stdout_pipe') else (None, None)
pid, fd = pty.fork()
if pid == 0:
    if out_w is not None:
        os.dup2(out_w, 1)
    os.execve(spec['argv'][0], spec['argv'], spec['env'])

if out_w is not None:
    os.close(out_w)
screen = b''
piped = b''
steps = list(spec['steps'])
deadline = time.time() + spec.get('timeout', 20)
searched_from = 0
status = None
while time.time() < deadline:
    fds = [fd] + ([out_r] if out_r is not None else [])
    ready, _, _ = select.select(fds, [], [], 0.05)
    for r in ready:
        try:
            data = os.read(r, 65536)
        except OSError:
            data = b''
        if r == fd:
            screen += data
        else:
            piped += data
    text = screen.decode('utf-8', 'replace')
    while steps and steps[0][0] in text[searched_from:]:
        searched_from = text.index(steps[0][0], searched_from) + len(steps[0][0])
        time.sleep(0.1)
        os.write(fd, steps[0][1].encode('utf-8'))
        steps.pop(0)
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        status = st
        break
if status is None:
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
# Drain what is left.
for r in [fd] + ([out_r] if out_r is not None else []):
    while True:
        try:
            ready, _, _ = select.select([r], [], [], 0.05)
            if not ready:
                break
            data = os.read(r, 65536)
            if not data:
                break
        except OSError:
            break
        if r == fd:
            screen += data
        else:
            piped += data
code = os.waitstatus_to_exitcode(status)
print(json.dumps({'code': code, 'screen': screen.decode('utf-8', 'replace'), 'stdout': piped.decode('utf-8', 'replace'), 'pending': len(steps)}))
