/** The text of `gogrid-codec --help`. */
export const HELP = `Usage: gogrid-codec [--from FORMAT] --to FORMAT [options] [FILE]
       gogrid-codec --to ndjson [options] FILE|DIR...
       gogrid-codec --to FORMAT --out-dir DIR [--jobs N] [options] FILE|DIR...
       gogrid-codec validate [--from FORMAT] [--type T] [FILE]
       gogrid-codec call METHOD [name=value ...] [--to FORMAT]   (see call --help)
       gogrid-codec serve [--port N]                             (see serve --help)

Converts a GoGrid API response (JSON, XML or CSV) read from FILE or standard input,
and writes it to standard output in another format. Memory stays bounded whatever
the size of the input.

Formats: json, xml, csv, ndjson (one object per line).

Options:
  -f, --from FORMAT     input format; when omitted, ndjson for *.ndjson and *.jsonl
                        files, else sniffed from the first character (< XML,
                        { or [ JSON, # CSV)
  -t, --to FORMAT       output format (required unless the command is validate)
  -o, --output FILE     write FILE instead of stdout ("-" is stdout). A regular file
                        is written under a temporary name beside it and renamed on
                        success (mode, owner and group kept), so a failed conversion
                        never leaves a partial file; a symlink's target is replaced
                        and the link kept; a device or FIFO is written in place
      --indent N        spaces per level (JSON default 0, XML default 2)
      --compact         same as --indent 0
      --order ORDER     XML output attribute order: tree (as read, default) or
                        grammar (the order the grammars list)
      --validate        check every object against the grammars; exit 1 listing
                        every violation (with -o, no file is written)
      --type T          the type of the objects when the envelope's method is not in
                        the grammars' table (it types CSV values); a known method's
                        own type always wins
      --csv-safe        CSV output: prefix every cell a spreadsheet would run as a
                        formula (= + - @ TAB CR first) with ' and quote it: data
                        cells, header names and envelope-line fields (not reversible)
      --xml-declaration XML output: start with <?xml version="1.0" encoding="UTF-8"?>
      --no-envelope     NDJSON output: leave out the envelope line; NDJSON input:
                        objects only, no envelope line
      --plain           CSV output: plain CSV, header first, no # lines (the
                        envelope is lost); CSV input (--from csv): read it
      --method M        the method of an input without envelope (--plain CSV,
                        NDJSON with --no-envelope); it types the objects
      --out-dir DIR     convert each FILE, and each *.json, *.xml, *.csv, *.ndjson,
                        *.jsonl below a DIR, to DIR/<name>.<ext>; failures are
                        listed, the others still converted, then a summary
  -j, --jobs N          with --out-dir: conversions at once (default: cores)
      --progress        show a progress bar on stderr (default: when stderr is a
                        terminal); never drawn on the terminal the data goes to
      --no-progress     never show it
  -h, --help            show this help
  -V, --version         show the version

Exit status: 0 success, 1 bad input, failed validation or an I/O error, 2 bad usage;
killed by INT, TERM or HUP: temporary files removed, and the status of that signal.

Examples:
  gogrid-codec --to json corpus/grid.server.get/001-server-get.xml | jq '.list[0].ip'
  curl -s "$URL&format=xml" | gogrid-codec --to csv > servers.csv
  gogrid-codec --to ndjson servers.csv | jq -c 'select(.state.name == "On")'
  gogrid-codec --to ndjson --no-envelope ips.xml | jq -c 'select(.public)' |
    gogrid-codec --from ndjson --no-envelope --method /grid/ip/list --to csv
  gogrid-codec --to csv --plain -o servers.csv servers.json
  gogrid-codec --to json --out-dir json/ responses/
  gogrid-codec --to xml --validate -o servers.xml servers.json
  gogrid-codec validate servers.json
`;
