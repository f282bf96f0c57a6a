#!/usr/bin/env python3
"""Where a JFR recording's CPU samples (jdk.ExecutionSample) went: the profiles BENCHMARKS.md quotes.

Record the node under load with bench/ab.sh, e.g. 25 s of a handshake run after the client's warm-up:
  AB_WARM_UP_RUN=0 AB_JVM_OPTS_A="-XX:FlightRecorderOptions:stackdepth=256 \\
      -XX:StartFlightRecording=delay=62s,duration=25s,filename=hs.jfr,settings=fast.jfc" \\
      bench/ab.sh handshake <jar> <jar> 1
where fast.jfc is the JDK's lib/jfr/profile.jfc with jdk.ExecutionSample's period set to 2 ms. Then:
  bench/jfr-samples.py hs.jfr threads                    share of the samples by thread (numbers folded)
  bench/jfr-samples.py hs.jfr libraries http-nio         a thread's samples by the library of their innermost
                                                         frame outside the JDK (Tomcat, Spring MVC, Axon, ...)
  bench/jfr-samples.py hs.jfr contains decided-writer SubscribingEventProcessor.process serializePayload
                                                         share of a thread's samples whose stack holds each frame
  bench/jfr-samples.py hs.jfr tree handshake- 2 [Frame.name]
                                                         top-down call tree above 2 %, from a frame if given
A thread is chosen by a substring of its name. Shares overlap in 'contains' (a frame and its callers).
"""
import collections
import json
import re
import signal
import subprocess
import sys

LIBRARIES = [
    ('dev/switchboard', 'switchboard'), ('org/springframework/security', 'spring-security'),
    ('org/springframework/web', 'spring-web/mvc'), ('org/springframework/http', 'spring-web/mvc'),
    ('org/springframework/jdbc', 'spring-jdbc'), ('org/springframework/transaction', 'spring-tx'),
    ('org/springframework', 'spring-other'), ('org/apache/catalina', 'tomcat'), ('org/apache/coyote', 'tomcat'),
    ('org/apache/tomcat', 'tomcat'), ('com/fasterxml/jackson', 'jackson'), ('io/micrometer', 'micrometer'),
    ('com/nimbusds', 'nimbus'), ('org/postgresql', 'pgjdbc'), ('com/zaxxer', 'hikari'), ('org/axonframework', 'axon'),
    ('ch/qos/logback', 'logback'), ('org/slf4j', 'logback'), ('com/github/benmanes', 'caffeine'),
]


def samples(recording):
    out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '256', '--events', 'jdk.ExecutionSample',
                          recording], capture_output=True, text=True, check=True).stdout
    for event in json.loads(out)['recording']['events']:
        values = event['values']
        thread = (values.get('sampledThread') or {}).get('javaName') or '?'
        frames = values['stackTrace']['frames'] if values.get('stackTrace') else []
        yield thread, [(f['method']['type']['name'], f['method']['name']) for f in frames]


def frame_name(frame):
    return frame[0].split('/')[-1] + '.' + frame[1]


def of_thread(recording, name_part):
    return [frames for thread, frames in samples(recording) if name_part in thread and frames]


def threads(recording):
    counts = collections.Counter(re.sub(r'\d+', '#', thread) for thread, _ in samples(recording))
    total = sum(counts.values())
    print(f'{total} samples')
    for thread, n in counts.most_common(15):
        print(f'{100 * n / total:5.1f} %  {thread}')


def libraries(recording, name_part):
    stacks = of_thread(recording, name_part)
    counts = collections.Counter()
    for frames in stacks:
        library = 'jdk only'
        for type_name, _ in frames:
            hit = next((lib for prefix, lib in LIBRARIES if type_name.startswith(prefix)), None)
            if hit or not type_name.startswith(('java/', 'jdk/', 'sun/')):
                library = hit or type_name.rsplit('/', 1)[0]
                break
        counts[library] += 1
    print(f'{len(stacks)} samples of {name_part}')
    for library, n in counts.most_common(15):
        print(f'{100 * n / len(stacks):5.1f} %  {library}')


def contains(recording, name_part, wanted):
    stacks = of_thread(recording, name_part)
    print(f'{len(stacks)} samples of {name_part}')
    for part in wanted:
        n = sum(1 for frames in stacks if any(part in frame_name(f) for f in frames))
        print(f'{100 * n / len(stacks):5.1f} %  {part}')


def tree(recording, name_part, minimum, focus):
    root, total = {}, 0
    for frames in of_thread(recording, name_part):
        path = [frame_name(f) for f in reversed(frames)]
        if focus:
            starts = [i for i, name in enumerate(path) if focus in name]
            if not starts:
                continue
            path = path[starts[0]:]
        total += 1
        node = root
        for name in path:
            node = node.setdefault(name, [0, {}])
            node[0] += 1
            node = node[1]
    print(f'{total} samples of {name_part}' + (f' under {focus}' if focus else ''))

    def show(children, depth):
        for name, (n, below) in sorted(children.items(), key=lambda item: -item[1][0]):
            if 100 * n / total >= minimum:
                print(f"{'  ' * depth}{100 * n / total:5.1f} %  {name}")
                show(below, depth + 1)
    sys.setrecursionlimit(10_000)
    show(root, 0)


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # piped into head: stop quietly
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    recording, command, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    if command == 'threads':
        threads(recording)
    elif command == 'libraries':
        libraries(recording, rest[0])
    elif command == 'contains':
        contains(recording, rest[0], rest[1:])
    elif command == 'tree':
        tree(recording, rest[0], float(rest[1]) if len(rest) > 1 else 2.0, rest[2] if len(rest) > 2 else None)
    else:
        sys.exit(__doc__)
