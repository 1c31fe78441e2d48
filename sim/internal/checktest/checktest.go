// Package checktest holds the test helper shared by the model's and the
// money's checks: comparing the problems a Validate method returns with
// the ones a test expects.
package checktest

import (
	"errors"
	"strings"
	"testing"

	"caresim/sim/des"
)

// Want is an expected *des.FieldError: its exact Field and a part of its
// Msg.
type Want struct{ Field, Msg string }

// Errors fails t unless errs are exactly want, in order: each a
// *des.FieldError with the wanted Field and a Msg containing the wanted
// part.
func Errors(t testing.TB, errs []error, want []Want) {
	t.Helper()
	for i, err := range errs {
		var fe *des.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("error %d is a %T, not a *des.FieldError: %v", i, err, err)
			continue
		}
		if i >= len(want) {
			t.Errorf("unwanted error %d: %v", i, err)
			continue
		}
		if fe.Field != want[i].Field || !strings.Contains(fe.Msg, want[i].Msg) {
			t.Errorf("error %d = %v\nwant %s: …%s…", i, err, want[i].Field, want[i].Msg)
		}
	}
	for _, w := range want[min(len(errs), len(want)):] {
		t.Errorf("missing error %s: …%s…", w.Field, w.Msg)
	}
}
