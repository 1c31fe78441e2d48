package scenarios

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameBytes is the longest scenario name, in bytes: a name is part of
// folder and file names (out/NAME, a comparison's NAME/, a chart's
// deficit-system-NAME.png), which most file systems cap at 255 bytes.
const MaxNameBytes = 100

// nameProblem says why name cannot be a scenario's name, or returns "".
// A scenario's name is the folder its results go to (out/NAME for run,
// NAME/ in a comparison's folder), so a scenario file, which may come
// from someone else, must not choose where files are written: a name is
// a single folder name on every system caresim runs on, with no path
// separator, no dot name or leading dot (a hidden folder, or one that is
// not a folder of its own), no control character, none of the characters
// or device names that Windows refuses, and no space or dot at its end
// (which Windows drops).
func nameProblem(name string) string {
	switch {
	case name == "":
		return "missing: a short name for the scenario"
	case !utf8.ValidString(name):
		return fmt.Sprintf("%q is not UTF-8 text", name)
	case len(name) > MaxNameBytes:
		return fmt.Sprintf("%d bytes long, more than %d: the name is part of its results' folder and file names", len(name), MaxNameBytes)
	case strings.ContainsAny(name, `/\`):
		return fmt.Sprintf("%q holds a path separator (/ or \\): the name is the folder its results go to (out/NAME), and must not say where else to write", name)
	case strings.HasPrefix(name, "."):
		return fmt.Sprintf("%q starts with a dot: the name is the folder its results go to (out/NAME), which must not be hidden, nor . or ..", name)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Sprintf("%q holds a control character: the name is the folder its results go to", name)
	case strings.ContainsAny(name, `<>:"|?*`):
		return fmt.Sprintf(`%q holds one of < > : " | ? *, which a folder's name cannot hold on Windows`, name)
	case strings.TrimSpace(name) != name || strings.HasSuffix(name, "."):
		return fmt.Sprintf("%q starts or ends with a space, or ends with a dot, which a folder's name loses on Windows", name)
	case ReservedName(name):
		return fmt.Sprintf("%q is a device's name on Windows (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9), which no folder can have", name)
	}
	return ""
}

// ReservedName reports whether name, before its first dot, is one that
// Windows keeps for a device (CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to
// LPT9, in any case), which no file or folder can have.
func ReservedName(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) && stem[3] >= '1' && stem[3] <= '9'
}
