package des

// Time is simulated time in days since the scenario start.
type Time float64

// Common durations in days.
const (
	Hour   Time = 1.0 / 24
	Minute Time = Hour / 60
	Day    Time = 1
	Week   Time = 7
	// Year is the mean Gregorian year, used for yearly trends.
	Year Time = 365.2425
)
