package care

// DailyIsCount reports whether the daily measure k (an index into
// [DailyMeasures]) counts things that happened in the day (arrivals,
// admissions, breaches), whose value over a longer period is the sum of
// its days, rather than a level (beds occupied, a census at midnight, a
// capacity), whose value over a period is the mean of its days. It panics
// when k is out of range.
func DailyIsCount(k int) bool { return dailySrc[k].op == opDayCount }
