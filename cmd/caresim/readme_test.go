package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"caresim/internal/golden"
	"caresim/scenarios"
)

// A readmeStep is one step of README.md's examples, in the order written:
// a caresim command (./bin/caresim, or /caresim in a container), another
// shell command of a console block (head, cut, cmp), a file that a
// console block shows with cat, a scenario file of a yaml block, or an
// override that the text shows (--set PATH=VALUE).
type readmeStep struct {
	line int    // in README.md, from 1
	kind string // "caresim", "shell", "file", "scenario" or "set"
	text string // the command as written, continuation lines joined; a file's name
	body string // a file's content
	// want is the output a console block shows under the command (stdout
	// and stderr as a terminal shows them), nil when none is shown.
	want []string
}

// readmeSteps returns the examples of README.md's text src:
//
//   - in a console block, each "$ " line, with the lines under it up to
//     the next as its output ("$ cat FILE" shows a file to write);
//   - in an sh or bash block, each line (continued by a trailing \) that
//     runs ./bin/caresim, or runs it inside single quotes (sbatch --wrap);
//   - in a yaml block, a scenario (a mapping with extends), or a
//     container whose command list runs /caresim, with its args list
//     (see containerCommand), or every text value that runs /caresim;
//   - outside the blocks, each code span that runs ./bin/caresim or
//     /caresim, and each --set override written alone (--set PATH=VALUE),
//     which must work on the built-ins.
//
// Mentions of commands in the prose without a path (caresim plot DIR) are
// not examples.
func readmeSteps(src string) []readmeStep {
	var steps []readmeStep
	lines := strings.Split(src, "\n")
	span := regexp.MustCompile("`((?:\\./bin)?/caresim [^`]*)`")
	set := regexp.MustCompile("`--set ([^`=]+)=([^`]*)`")
	quoted := regexp.MustCompile(`'(\./bin/caresim [^']*)'`)
	for i := 0; i < len(lines); i++ {
		lang, ok := strings.CutPrefix(lines[i], "```")
		if !ok {
			for _, m := range span.FindAllStringSubmatch(lines[i], -1) {
				steps = append(steps, readmeStep{line: i + 1, kind: "caresim", text: m[1]})
			}
			for _, m := range set.FindAllStringSubmatch(lines[i], -1) {
				if m[1] != "path" { // the flag's syntax, path=value, not an example
					steps = append(steps, readmeStep{line: i + 1, kind: "set", text: m[1] + "=" + m[2]})
				}
			}
			continue
		}
		start := i + 1
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
		}
		block := lines[start:min(i, len(lines))]
		switch lang {
		case "console":
			var cur *readmeStep
			for j, l := range block {
				cmd, isCmd := strings.CutPrefix(l, "$ ")
				switch {
				case isCmd && strings.HasPrefix(cmd, "cat "):
					steps = append(steps, readmeStep{line: start + j + 1, kind: "file", text: strings.TrimPrefix(cmd, "cat ")})
				case isCmd && strings.HasPrefix(cmd, "./bin/caresim "):
					steps = append(steps, readmeStep{line: start + j + 1, kind: "caresim", text: cmd, want: []string{}})
				case isCmd:
					steps = append(steps, readmeStep{line: start + j + 1, kind: "shell", text: cmd, want: []string{}})
				}
				if isCmd {
					cur = &steps[len(steps)-1]
					continue
				}
				if cur == nil {
					continue // output of no command shown
				}
				if cur.kind == "file" {
					cur.body += l + "\n"
				} else {
					cur.want = append(cur.want, l)
				}
			}
		case "sh", "bash":
			for j := 0; j < len(block); j++ {
				at, l := start+j+1, block[j]
				for strings.HasSuffix(l, `\`) && j+1 < len(block) {
					j++
					l = strings.TrimRight(strings.TrimSuffix(l, `\`), " ") + " " + strings.TrimSpace(block[j])
				}
				if strings.HasPrefix(l, "./bin/caresim ") {
					steps = append(steps, readmeStep{line: at, kind: "caresim", text: l})
				}
				for _, m := range quoted.FindAllStringSubmatch(l, -1) {
					steps = append(steps, readmeStep{line: at, kind: "caresim", text: m[1]})
				}
			}
		case "yaml":
			body := strings.Join(block, "\n") + "\n"
			var doc yaml.Node
			if yaml.Unmarshal([]byte(body), &doc) != nil || len(doc.Content) == 0 {
				steps = append(steps, readmeStep{line: start + 1, kind: "scenario", text: "not YAML", body: body})
				continue
			}
			var top map[string]any
			_ = yaml.Unmarshal([]byte(body), &top) // a file that is not a mapping is no scenario
			if _, scenario := top["extends"]; scenario {
				steps = append(steps, readmeStep{line: start + 1, kind: "scenario", text: "readme-scenario.yaml", body: body})
				continue
			}
			var walk func(n *yaml.Node)
			walk = func(n *yaml.Node) {
				if c := containerCommand(n); c != "" {
					steps = append(steps, readmeStep{line: start + n.Line, kind: "caresim", text: c})
					return
				}
				if n.Kind == yaml.ScalarNode {
					if k := strings.Index(n.Value, "/caresim "); k >= 0 && (k == 0 || n.Value[k-1] == ' ') {
						steps = append(steps, readmeStep{line: start + n.Line, kind: "caresim", text: strings.Join(strings.Fields(n.Value[k:]), " ")})
					}
				}
				for _, c := range n.Content {
					walk(c)
				}
			}
			walk(doc.Content[0])
		}
	}
	return steps
}

// containerCommand returns the command line of a container n (a mapping
// with a command list that runs /caresim, and its args list), its words
// joined by spaces, with Kubernetes's $(NAME), a variable of the
// container's environment, as $NAME; or "" when n is no such container.
func containerCommand(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	lists := map[string][]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		if (k == "command" || k == "args") && v.Kind == yaml.SequenceNode {
			for _, w := range v.Content {
				lists[k] = append(lists[k], w.Value)
			}
		}
	}
	if len(lists["command"]) == 0 || lists["command"][0] != "/caresim" {
		return ""
	}
	line := strings.Join(append(lists["command"], lists["args"]...), " ")
	return regexp.MustCompile(`\$\(([A-Za-z_][A-Za-z0-9_]*)\)`).ReplaceAllString(line, "$$$1")
}

// readmeShortened are the README's commands that the test runs with more
// flags than written, because as written they run for minutes: each
// entry's prefix picks the commands, and its flags are added at the end
// (so that they win over the command's own). Each runs once for every
// environment of envs (the tasks of a job array), or once when there are
// none. A slow entry's commands are left out under -short.
var readmeShortened = []struct {
	prefix string
	flags  []string
	envs   []map[string]string
	slow   bool
	why    string
}{
	{prefix: "./bin/caresim run", flags: []string{"--reps", "4"},
		why: "the baseline's 20 replications take about a minute of CPU; four show the same lines (its ten years are kept, for the gap against the projection of year ten; two would cut intervals at 0 and three warn of a queue for beds in one hard replication, notes the README does not show)"},
	{prefix: "./bin/caresim sweep --reps 3 --set horizon=1y --lhs 20", flags: []string{"--set", "horizon=60d", "--set", "warm_up.length=60d"}, slow: true,
		why: "20 points of three years-long replications; 60 days show the same lines"},
	{prefix: "./bin/caresim sweep --quiet --resume --workers", flags: shortSweep, envs: jobArray("SLURM_ARRAY_TASK_ID", 1),
		why: "a Slurm array of 8 tasks of 20 ten-year replications a point; one replication of 60 days a point, the 8 tasks in turn"},
	{prefix: "/caresim sweep --quiet --resume --shards 8", flags: shortSweep, envs: jobArray("JOB_COMPLETION_INDEX", 0),
		why: "a Kubernetes indexed Job of 8 pods, as the Slurm array"},
	{prefix: "./bin/caresim backcast --observed mid-notts", flags: []string{"--reps", "2", "--set", "horizon=3y"},
		why: "the baseline's eleven years and 20 replications; two replications of the three years observed show the same lines"},
	{prefix: "./bin/caresim validate --quick --reps 10", slow: true,
		why: "runs the quick validation again with more replications (10 s of CPU); TestGolden runs it with 4"},
}

// shortSweep shortens the job-array sweeps: one replication of 60 days
// after a 60-day warm-up at each point.
var shortSweep = []string{"--reps", "1", "--set", "horizon=60d", "--set", "warm_up.length=60d"}

// jobArray returns the environments of the 8 tasks of a job array whose
// task index is the variable v, numbered from first: a Slurm array
// (--array=1-8 on 2 CPUs) or a Kubernetes indexed Job.
func jobArray(v string, first int) []map[string]string {
	var envs []map[string]string
	for k := range 8 {
		env := map[string]string{v: strconv.Itoa(first + k)}
		if strings.HasPrefix(v, "SLURM_") {
			env["SLURM_ARRAY_TASK_MIN"], env["SLURM_ARRAY_TASK_COUNT"], env["SLURM_ARRAY_TASK_STEP"], env["SLURM_CPUS_PER_TASK"] = "1", "8", "1", "2"
		}
		envs = append(envs, env)
	}
	return envs
}

// TestReadmeExamples runs every example of README.md (see readmeSteps) in
// order in a temporary folder, so that each finds what those before it
// wrote, and compares the output of each console example with the
// output shown under it: its lines in order, a line "..." standing for
// any lines and "..." (or "…") in a line for any text, with every number
// written as # and runs of spaces as one, so that the check is of the
// lines, names, columns and units, not of the model's numbers, which move
// as it is calibrated. A scenario that a yaml block shows must pass
// check, and so must the built-in each override the text shows is meant
// for, with the override. Commands whose output shows the command failing (a last line
// "caresim: COMMAND: ...") must exit 1, the others 0.
//
// Absolute paths in the commands (a container's /results) are taken
// inside the temporary folder. The commands of readmeShortened run with
// flags that shorten them. Shell commands other than caresim's (head,
// cut, cmp) run with sh, and are skipped where there is none; go commands
// (go version, go build) run in the repository's folder, writing what -o
// names in the temporary one, and are skipped under -short.
func TestReadmeExamples(t *testing.T) {
	clearShardEnv(t)
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	steps := readmeSteps(string(src))
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	used := make([]bool, len(readmeShortened))
	n := 0
	for _, s := range steps {
		at := "README.md:" + strconv.Itoa(s.line)
		switch s.kind {
		case "file":
			if err := os.WriteFile(s.text, []byte(s.body), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		case "scenario":
			if err := os.WriteFile(s.text, []byte(s.body), 0o644); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if code := run([]string{"check", s.text}, &out, &out); code != 0 {
				t.Errorf("%s: the scenario shown does not pass check:\n%s", at, out.String())
			}
			continue
		case "set":
			// An override must work on the built-in it is meant for: the
			// one that has the intervention it names, else the baseline.
			ref := "baseline"
			if rest, ok := strings.CutPrefix(s.text, "interventions."); ok {
				name, _, _ := strings.Cut(rest, ".")
				ref = name
				if !slices.Contains(scenarios.BuiltinNames(), name) {
					ref = "better-together"
				}
			}
			var out bytes.Buffer
			if code := run([]string{"check", "--set", s.text, ref}, &out, &out); code != 0 {
				t.Errorf("%s: --set %s does not work on the built-in %s:\n%s", at, s.text, ref, out.String())
			}
			continue
		case "shell":
			sh, err := exec.LookPath("sh")
			if err != nil {
				t.Logf("%s: %s: skipped, no sh", at, s.text)
				continue
			}
			cmd := exec.Command(sh, "-c", s.text)
			if strings.HasPrefix(s.text, "go ") {
				if testing.Short() {
					t.Logf("%s: %s: skipped under -short: builds with the Go toolchain", at, s.text)
					continue
				}
				cmd = exec.Command(sh, "-c", readmeGoCommand(s.text, dir))
				cmd.Dir = root
			}
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Errorf("%s: %s: %v\n%s", at, s.text, err, out)
				continue
			}
			checkReadmeOutput(t, at, s, string(out))
			continue
		}
		n++
		var extra []string
		envs := []map[string]string{nil}
		skip := ""
		for i, sh := range readmeShortened {
			if s.text == sh.prefix || strings.HasPrefix(s.text, sh.prefix+" ") {
				used[i] = true
				extra = sh.flags
				if sh.envs != nil {
					envs = sh.envs
				}
				if sh.slow && testing.Short() {
					skip = sh.why
				}
				break
			}
		}
		if skip != "" {
			t.Logf("%s: %s: skipped under -short: %s", at, s.text, skip)
			continue
		}
		for _, env := range envs {
			clearShardEnv(t) // the tasks of one job array, not of the one before
			for k, v := range env {
				t.Setenv(k, v)
			}
			args, redirect := readmeArgs(t, s.text, dir)
			args = append(args, extra...)
			var out bytes.Buffer
			stdout := &out
			var file bytes.Buffer
			if redirect != "" {
				stdout = &file
			}
			code := run(args, stdout, &out)
			if redirect != "" {
				if err := os.WriteFile(redirect, file.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if want := readmeFails(s); code != want {
				t.Errorf("%s: caresim %s: exit %d, want %d\n%s", at, strings.Join(args, " "), code, want, out.String())
				continue
			}
			checkReadmeOutput(t, at, s, out.String())
		}
	}
	for i, sh := range readmeShortened {
		if !used[i] {
			t.Errorf("readmeShortened: no command of README.md starts %q: remove the entry or mend it", sh.prefix)
		}
	}
	if n < 10 {
		t.Errorf("found %d caresim commands in README.md, want the 10 or more it has", n)
	}
}

// readmeGoOutput is a go command's -o flag and its file.
var readmeGoOutput = regexp.MustCompile(`(^| )-o (\S+)`)

// readmeGoCommand returns a go command of the README (go version, go
// build), which runs in the repository's folder, with the file its -o
// names taken inside dir, where the other examples run.
func readmeGoCommand(text, dir string) string {
	return readmeGoOutput.ReplaceAllStringFunc(text, func(m string) string {
		sub := readmeGoOutput.FindStringSubmatch(m)
		if filepath.IsAbs(sub[2]) {
			return m
		}
		return sub[1] + "-o " + filepath.Join(dir, sub[2])
	})
}

// readmeFails returns the exit status a step's shown output implies: 1
// when its last line says the command failed, else 0.
func readmeFails(s readmeStep) int {
	if len(s.want) == 0 {
		return 0
	}
	name := strings.Fields(strings.TrimPrefix(strings.TrimPrefix(s.text, "./bin"), "/caresim "))[0]
	if strings.HasPrefix(s.want[len(s.want)-1], "caresim: "+name+": ") {
		return 1
	}
	return 0
}

// readmeArgs splits a command as a shell would (words, '…' and "…"
// quotes, $NAME from the environment, * patterns, > FILE), drops the
// program and returns its arguments and the file its output is sent to,
// if any. Absolute paths are taken inside dir.
func readmeArgs(t *testing.T, text, dir string) (args []string, redirect string) {
	t.Helper()
	var words []string
	var cur strings.Builder
	inWord, glob := false, false
	var quote rune
	flush := func() {
		if !inWord {
			return
		}
		w := cur.String()
		cur.Reset()
		inWord = false
		if strings.HasPrefix(w, "/") && !strings.HasPrefix(w, "/caresim") {
			w = filepath.Join(dir, w)
		}
		if glob {
			if m, _ := filepath.Glob(w); len(m) > 0 {
				words = append(words, m...)
				glob = false
				return
			}
		}
		glob = false
		words = append(words, w)
	}
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case quote == 0 && (r == ' ' || r == '\t'):
			flush()
		case quote == 0 && (r == '\'' || r == '"'):
			quote, inWord = r, true
		case quote != 0 && r == quote:
			quote = 0
		case r == '$' && quote != '\'':
			j := i + 1
			for j < len(rs) && (rs[j] == '_' || rs[j] >= 'A' && rs[j] <= 'Z' || rs[j] >= '0' && rs[j] <= '9') {
				j++
			}
			cur.WriteString(os.Getenv(string(rs[i+1 : j])))
			inWord = true
			i = j - 1
		default:
			if r == '*' && quote == 0 {
				glob = true
			}
			cur.WriteRune(r)
			inWord = true
		}
	}
	flush()
	if i := slices.Index(words, ">"); i >= 0 && i+1 < len(words) {
		redirect = words[i+1]
		words = append(words[:i], words[i+2:]...)
	}
	if len(words) == 0 || !strings.HasSuffix(words[0], "/caresim") {
		t.Fatalf("%q does not run caresim", text)
	}
	return words[1:], redirect
}

// readmeNumber is a number as caresim prints it: signed, in pounds, with
// k or m, a decimal point or an exponent.
var readmeNumber = regexp.MustCompile(`[-−]?£?[0-9][0-9,]*(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?[km]?`)

// readmeLine is a line of output as TestReadmeExamples compares it:
// numbers as #, runs of spaces as one, "…" as "...".
func readmeLine(l string) string {
	l = strings.ReplaceAll(l, "…", "...")
	return strings.Join(strings.Fields(readmeNumber.ReplaceAllString(l, "#")), " ")
}

// checkReadmeOutput compares a step's output got with the output the
// README shows under it, if it shows any.
func checkReadmeOutput(t *testing.T, at string, s readmeStep, got string) {
	t.Helper()
	if s.want == nil {
		return
	}
	want := slices.Clone(s.want)
	for len(want) > 0 && strings.TrimSpace(want[len(want)-1]) == "" {
		want = want[:len(want)-1]
	}
	var w, g []string
	for _, l := range want {
		w = append(w, readmeLine(l))
	}
	if got = strings.TrimRight(got, "\n"); got != "" { // no output is no lines, not one empty line
		for _, l := range strings.Split(got, "\n") {
			g = append(g, readmeLine(l))
		}
	}
	if !matchOutput(w, g) {
		t.Errorf("%s: %s: the output does not match the README's (numbers as #, runs of spaces as one; a line ... matches any lines, ... in a line any text):\n%s",
			at, s.text, golden.Diff("README.md", "output", strings.Join(w, "\n")+"\n", strings.Join(g, "\n")+"\n"))
	}
}

// TestReadmeStepsParse checks how readmeSteps reads each kind of example.
func TestReadmeStepsParse(t *testing.T) {
	t.Parallel()
	src := "Run `./bin/caresim schema > s.json` or `caresim plot DIR`, with `--set a.b=1` or `--set path=value`.\n" +
		"```console\n$ cat a.yaml\nname: a\n$ ./bin/caresim check a.yaml\nok  a.yaml (a)\n$ head -1 x\n```\n" +
		"```sh\n./bin/caresim sweep --reps 3 \\\n  --lhs 2 baseline\nmake run\n```\n" +
		"```bash\nsbatch --wrap './bin/caresim merge --out all shard-*'\n```\n" +
		"```yaml\nextends: baseline\nname: x\n```\n" +
		"```yaml\nargs:\n  - >-\n    /caresim sweep\n    --reps 2 baseline\n```\n" +
		"```yaml\ncontainers:\n  - name: s\n    command: [\"/caresim\", \"sweep\"]\n    args: [--out, \"/r/shard-$(JOB_COMPLETION_INDEX)\", baseline]\n```\n"
	got := readmeSteps(src)
	want := []readmeStep{
		{line: 1, kind: "caresim", text: "./bin/caresim schema > s.json"},
		{line: 1, kind: "set", text: "a.b=1"},
		{line: 3, kind: "file", text: "a.yaml", body: "name: a\n"},
		{line: 5, kind: "caresim", text: "./bin/caresim check a.yaml", want: []string{"ok  a.yaml (a)"}},
		{line: 7, kind: "shell", text: "head -1 x", want: []string{}},
		{line: 10, kind: "caresim", text: "./bin/caresim sweep --reps 3 --lhs 2 baseline"},
		{line: 15, kind: "caresim", text: "./bin/caresim merge --out all shard-*"},
		{line: 18, kind: "scenario", text: "readme-scenario.yaml", body: "extends: baseline\nname: x\n"},
		{line: 23, kind: "caresim", text: "/caresim sweep --reps 2 baseline"},
		{line: 29, kind: "caresim", text: "/caresim sweep --out /r/shard-$JOB_COMPLETION_INDEX baseline"},
	}
	if len(got) != len(want) {
		t.Fatalf("readmeSteps = %+v, want %+v", got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.line != w.line || g.kind != w.kind || g.text != w.text || g.body != w.body || !slices.Equal(g.want, w.want) || (g.want == nil) != (w.want == nil) {
			t.Errorf("step %d = %+v, want %+v", i, g, w)
		}
	}
}
