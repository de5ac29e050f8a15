import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while the command line and its libraries load
    print("rtgraph: interrupted", file=sys.stderr)
    sys.exit(130)  # cli.EXIT_INTERRUPTED, which could not be imported

sys.exit(main())
