import signal
import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while the command line and its libraries load
    print("rtgraph: interrupted", file=sys.stderr)
    sys.exit(130)  # cli.EXIT_INTERRUPTED, which could not be imported

status = main()
# the command is done and its status decided: a Ctrl-C while the interpreter shuts down
# would otherwise kill it by the signal (exit -2) after complete outputs were written
signal.signal(signal.SIGINT, signal.SIG_IGN)
sys.exit(status)
