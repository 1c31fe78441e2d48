package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// slurmPrograms are what TestSlurmArray runs: Debian's munge and slurm-wlm.
var slurmPrograms = []string{"munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol"}

// TestSlurmArray runs README.md's Slurm array example on a real Slurm
// cluster of one node of 2 CPUs that it starts (munged, slurmctld and
// slurmd, with a slurm.conf and a munge key of their own in a temporary
// folder, on free ports): the README's job script, its sweep shortened
// as TestReadmeExamples shortens it, submitted with the README's sbatch
// lines, which submit the merge as a job that waits for the array. The
// merged sweep.csv and sweep.json must be byte for byte those of the same
// sweep run on one machine.
//
// Slurm's daemons run as root: without root or the programs the test
// skips, saying why, unless CI is set (.ci/run installs slurm-wlm and
// munge), when it fails. Under -short it skips.
func TestSlurmArray(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Slurm cluster and runs a job array (about 30 s): go test without -short does")
	}
	if why := slurmMissing(); why != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s, and CI is set: .ci/run installs slurm-wlm and munge", why)
		}
		t.Skip(why)
	}
	clearShardEnv(t)
	began := time.Now()
	script, submit := readmeSlurm(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin", "caresim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Logf("built caresim in %.1f s", time.Since(began).Seconds())
	conf := startSlurm(t, filepath.Join(dir, "slurm"))
	t.Logf("the cluster took jobs after %.1f s", time.Since(began).Seconds())

	// The job script as the README writes it, its sweep shortened (one
	// replication of 60 days a point) so that the test takes seconds.
	short := strings.Join(shortSweep, " ")
	script = strings.Replace(script, " baseline\n", " baseline "+short+"\n", 1)
	if !strings.Contains(script, short) {
		t.Fatalf("README.md's Slurm script has no sweep of the baseline ending a line:\n%s", script)
	}
	if err := os.WriteFile(filepath.Join(dir, "sweep-beds.sh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	// sbatch, as the README's lines call it, is a wrapper that asks for one
	// CPU a task, so that the script's 16 fit this node's 2 (its directive
	// stays: options on the command line win over #SBATCH lines).
	sbatch, _ := exec.LookPath("sbatch")
	wrap := filepath.Join(dir, "wrap")
	if err := os.Mkdir(wrap, 0o755); err != nil {
		t.Fatal(err)
	}
	wrapper := fmt.Sprintf("#!/bin/sh\nexec %s --cpus-per-task=1 \"$@\"\n", sbatch)
	if err := os.WriteFile(filepath.Join(wrap, "sbatch"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	sh := exec.CommandContext(ctx, "sh", "-e", "-c", submit)
	sh.Dir = dir
	sh.Env = append(os.Environ(), "SLURM_CONF="+conf, "PATH="+wrap+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := sh.CombinedOutput()
	if err != nil {
		t.Errorf("README.md's sbatch lines: %v\n%s", err, out)
		slurmLogs(t, dir)
		t.FailNow()
	}

	waitFor(t, "the array and the merge to end (squeue)", func() bool {
		out, err := exec.Command("squeue", "--noheader").CombinedOutput()
		return err == nil && len(bytes.TrimSpace(out)) == 0
	})
	t.Logf("the array and the merge ended after %.1f s", time.Since(began).Seconds())

	// The same sweep on one machine.
	one := filepath.Join(dir, "one")
	args := strings.Fields(scriptSweep(t, script))
	args = append(args[1:], "--out", one) // the last --out wins
	for i, a := range args {
		args[i] = strings.ReplaceAll(a, `"$SLURM_CPUS_PER_TASK"`, "2")
	}
	var log bytes.Buffer
	if code := run(args, &log, &log); code != 0 {
		t.Fatalf("caresim %s: exit %d\n%s", strings.Join(args, " "), code, log.String())
	}
	t.Logf("the sweep on one machine ended after %.1f s", time.Since(began).Seconds())
	shards, _ := filepath.Glob(filepath.Join(dir, "sweep", "beds", "shard-*"))
	if len(shards) != 8 {
		t.Errorf("the array wrote %d shards, want its 8 tasks': %v", len(shards), shards)
	}
	for _, f := range []string{"sweep.csv", "sweep.json"} {
		want, err := os.ReadFile(filepath.Join(one, f))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, "sweep", "beds", "all", f))
		if err != nil {
			t.Errorf("the merge job wrote no %s: %v", f, err)
			slurmLogs(t, dir)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s merged from the Slurm array differs from one machine's:\n%s\nwant\n%s", f, got, want)
		}
	}
}

// slurmMissing says why a Slurm cluster cannot be started here, or "".
func slurmMissing() string {
	if os.Geteuid() != 0 {
		return "Slurm's daemons (slurmd) run as root, and the test does not: the Slurm array is not run"
	}
	var missing []string
	for _, p := range slurmPrograms {
		if _, err := exec.LookPath(p); err != nil {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		return fmt.Sprintf("no %s (apt-get install slurm-wlm munge): the Slurm array is not run", strings.Join(missing, ", "))
	}
	return ""
}

// readmeSlurm returns README.md's Slurm job script (the bash block with
// #SBATCH --array) and its submitting lines (the sh block that runs
// sbatch).
func readmeSlurm(t *testing.T) (script, submit string) {
	t.Helper()
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(src), "```")
	for i := 1; i < len(blocks); i += 2 {
		lang, body, _ := strings.Cut(blocks[i], "\n")
		switch {
		case lang == "bash" && strings.Contains(body, "#SBATCH --array"):
			script = body
		case lang == "sh" && strings.HasPrefix(body, "jobid=$(sbatch"):
			submit = body
		}
	}
	if script == "" || submit == "" {
		t.Fatal("README.md has no Slurm job script (a bash block with #SBATCH --array) and sbatch lines (an sh block from jobid=$(sbatch)")
	}
	return script, submit
}

// scriptSweep returns the job script's caresim command, its continued
// lines joined.
func scriptSweep(t *testing.T, script string) string {
	t.Helper()
	joined := strings.ReplaceAll(script, "\\\n", " ")
	for l := range strings.SplitSeq(joined, "\n") {
		if strings.HasPrefix(l, "./bin/caresim sweep ") {
			return l
		}
	}
	t.Fatalf("the job script runs no ./bin/caresim sweep:\n%s", script)
	return ""
}

// startSlurm starts munged, slurmctld and slurmd for a cluster of this
// machine alone, as a node of 2 CPUs, with their files in dir, and stops
// them when the test ends. It returns the slurm.conf, and waits until
// the node takes jobs.
func startSlurm(t *testing.T, dir string) (conf string) {
	t.Helper()
	for _, d := range []string{"", "state", "spool", "munge"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	key := filepath.Join(dir, "munge", "munge.key")
	if err := os.WriteFile(key, bytes.Repeat([]byte("caresim-test-munge-key "), 64), 0o400); err != nil {
		t.Fatal(err)
	}
	socket := filepath.Join(dir, "munge", "munge.socket")
	startDaemon(t, "munged", "--foreground", "--force", "--key-file", key, "--socket", socket,
		"--pid-file", filepath.Join(dir, "munge", "munged.pid"), "--log-file", filepath.Join(dir, "munge", "munged.log"),
		"--seed-file", filepath.Join(dir, "munge", "munged.seed"))
	waitFor(t, "munged's socket", func() bool { _, err := os.Stat(socket); return err == nil })

	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	host, _, _ = strings.Cut(host, ".")
	conf = filepath.Join(dir, "slurm.conf")
	text := fmt.Sprintf(`# a cluster of one node, this machine, for TestSlurmArray
ClusterName=caresim-test
SlurmctldHost=%[1]s(127.0.0.1)
SlurmctldPort=%[2]d
SlurmdPort=%[3]d
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=%[4]s
StateSaveLocation=%[5]s/state
SlurmdSpoolDir=%[5]s/spool
SlurmctldPidFile=%[5]s/slurmctld.pid
SlurmdPidFile=%[5]s/slurmd.pid
SlurmctldLogFile=%[5]s/slurmctld.log
SlurmdLogFile=%[5]s/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
DependencyParameters=kill_invalid_depend
NodeName=%[1]s NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=caresim Nodes=%[1]s Default=YES MaxTime=INFINITE State=UP
`, host, freePort(t), freePort(t), socket, dir)
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SLURM_CONF", conf)
	startDaemon(t, "slurmctld", "-D", "-c", "-f", conf)
	startDaemon(t, "slurmd", "-D", "-f", conf)
	waitFor(t, "the node to be idle (scontrol show node)", func() bool {
		out, _ := exec.Command("scontrol", "show", "node", host).CombinedOutput()
		return bytes.Contains(out, []byte("State=IDLE"))
	})
	return conf
}

// startDaemon runs a daemon in the foreground until the test ends.
func startDaemon(t *testing.T, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() && out.Len() > 0 {
			t.Logf("%s's output:\n%s", name, out.String())
		}
	})
}

// waitFor waits up to five minutes for ok.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(5 * time.Minute); time.Now().Before(end); time.Sleep(250 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("waited five minutes for %s", what)
}

// freePort returns a TCP port that nothing listens on.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// slurmLogs logs the daemons' logs and the jobs' output files.
func slurmLogs(t *testing.T, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "slurm-*.out"))
	files = append(files, filepath.Join(dir, "slurm", "slurmctld.log"), filepath.Join(dir, "slurm", "slurmd.log"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			t.Logf("%s:\n%s", filepath.Base(f), b)
		}
	}
}
