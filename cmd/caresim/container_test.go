package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestContainerfile builds the image of the repository's Containerfile
// with podman and runs the first pod of README.md's Kubernetes indexed
// Job in it (JOB_COMPLETION_INDEX=0, its sweep shortened as
// TestReadmeExamples shortens it, /results a folder of the test), then
// checks the shard it wrote.
//
// It skips, saying why, where podman is missing or cannot build: the
// first stage's Go image (GO_IMAGE in the Containerfile) comes from a
// registry, which a machine without access to one cannot pull. CI does
// not install podman, so it skips there too unless the machine has it.
func TestContainerfile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a container image (a minute or more): go test without -short does")
	}
	podman, err := exec.LookPath("podman")
	if err != nil {
		t.Skip("no podman (apt-get install podman): the Containerfile is not built")
	}
	src, err := os.ReadFile("../../Containerfile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^ARG GO_IMAGE=(\S+)$`).FindSubmatch(src)
	if m == nil {
		t.Fatal("Containerfile: no ARG GO_IMAGE=IMAGE line naming the Go image its first stage builds in")
	}
	goImage := string(m[1])
	if exec.Command(podman, "image", "exists", goImage).Run() != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		if out, err := exec.CommandContext(ctx, podman, "pull", "--quiet", goImage).CombinedOutput(); err != nil {
			t.Skipf("podman cannot pull %s, the Containerfile's Go image (%v): the Containerfile is not built\n%s", goImage, err, lastLine(out))
		}
	}

	image := "localhost/caresim-test:" + strconv.FormatInt(time.Now().UnixNano(), 36)
	build := exec.Command(podman, "build", "--quiet", "-t", image, "-f", "Containerfile", ".")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("podman build: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command(podman, "rmi", "--force", image).Run() })

	// The Kubernetes example's container command, its first pod.
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, s := range readmeSteps(string(readme)) {
		if s.kind == "caresim" && strings.HasPrefix(s.text, "/caresim sweep ") {
			args = strings.Fields(strings.TrimPrefix(s.text, "/caresim "))
		}
	}
	if args == nil {
		t.Fatal("README.md has no container that runs /caresim sweep")
	}
	results := t.TempDir()
	run := []string{"run", "--rm", "--env", "JOB_COMPLETION_INDEX=0", "--volume", results + ":/results", image}
	for _, a := range append(args, shortSweep...) {
		run = append(run, strings.ReplaceAll(a, "$JOB_COMPLETION_INDEX", "0"))
	}
	if out, err := exec.Command(podman, run...).CombinedOutput(); err != nil {
		if bytes.Contains(out, []byte("OCI permission denied")) {
			t.Skipf("podman built the image but cannot start a container here: %s", lastLine(out))
		}
		t.Fatalf("podman %s: %v\n%s", strings.Join(run, " "), err, out)
	}
	csv, err := os.ReadFile(filepath.Join(results, "beds", "shard-0", "sweep.csv"))
	if err != nil {
		t.Fatalf("the container wrote no shard: %v", err)
	}
	if rows := bytes.Count(csv, []byte("\n")) - 1; rows < 1 {
		t.Errorf("the container's shard has %d rows, want its points'", rows)
	}
}

// lastLine is the last line of a program's output.
func lastLine(out []byte) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return lines[len(lines)-1]
}
