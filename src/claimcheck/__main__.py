"""`python -m claimcheck`: the same as the `claimcheck` command."""

import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while the command is still importing: the same one line and status as later
    print("claimcheck: interrupted", file=sys.stderr)
    raise SystemExit(130) from None

main()
