package care

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"

	"caresim/sim/des"
	"caresim/sim/stats"
)

// result gathers the measured period's outputs after a run.
func (m *model) result() *Result {
	w, e := int(m.warm), int(m.end)
	days := e - w
	res := &Result{Start: m.p.Start, Days: days, WarmUp: m.warm, Events: m.events, Drawn: m.sched.Drawn()}
	lvl := func(l *stats.DailyLevel) []float64 { return slices.Clone(l.DayMeans()[w:e]) }
	cnt := func(c int) []float64 {
		out := make([]float64, days)
		for d := range out {
			out[d] = m.counts[c].At(w + d)
		}
		return out
	}
	sum := func(c int) float64 {
		t := 0.0
		for d := w; d < e; d++ {
			t += m.counts[c].At(d)
		}
		return t
	}
	D := &res.Daily
	D[DailyAcuteMidnight] = slices.Clone(m.acuteBusy.Midnights()[w:e])
	D[DailyAcuteMean] = lvl(&m.acuteBusy)
	D[DailyAcuteBeds] = lvl(&m.capAcute)
	D[DailyAcuteDelayed] = lvl(&m.delayed)
	D[DailyAcuteDelayedP1] = lvl(&m.delayedP1)
	D[DailyAcuteDelayedP2] = lvl(&m.delayedP2)
	D[DailyAcuteDelayedP3] = lvl(&m.delayedP3)
	D[DailyWaitingForBed] = lvl(&m.waitBed)
	D[DailyEDOccupancy] = lvl(&m.edIn)
	D[DailyEDCubicles] = lvl(&m.capED)
	D[DailyICMidnight] = slices.Clone(m.icBusy.Midnights()[w:e])
	D[DailyICMean] = lvl(&m.icBusy)
	D[DailyICBeds] = lvl(&m.capIC)
	D[DailyReablementMean] = lvl(&m.reabBusy)
	D[DailyReablementPlaces] = lvl(&m.capReab)
	D[DailyCareHomeMidnight] = slices.Clone(m.chBusy.Midnights()[w:e])
	D[DailyCareHomeMean] = lvl(&m.chBusy)
	D[DailyCareHomeBeds] = lvl(&m.capCH)
	D[DailyCommunityMean] = lvl(&m.commBusy)
	D[DailyCommunityPlaces] = lvl(&m.capComm)
	D[DailyArrivalsWalkIn] = cnt(cArrivals + routeWalkIn)
	D[DailyArrivalsAmbulance] = cnt(cArrivals + routeAmbulance)
	D[DailyArrivalsGP] = cnt(cArrivals + routeGP)
	D[DailyArrivalsCareHome] = cnt(cArrivals + routeCareHome)
	D[DailyEDAttendances] = cnt(cED)
	D[DailyUTCAttendances] = cnt(cUTC)
	D[DailySDECAttendances] = cnt(cSDEC)
	D[DailyAEDepartures] = cnt(cAEDepartures)
	D[DailyAE4hBreaches] = cnt(cAEBreaches)
	D[DailyED12hDTA] = cnt(cED12h)
	D[DailyNELAdmissions] = cnt(cNEL)
	D[DailyElectiveAdmissions] = cnt(cElective)
	D[DailyElectiveCancellations] = cnt(cCancelled)
	D[DailyDischarges] = cnt(cDischarges)
	D[DailyCareHomeAdmissions] = cnt(cCareHomeAdmissions)
	if m.cfg.Pilot {
		res.Pilot = slices.Clone(m.acuteBusy.DayMeans()[:e])
	}

	// Financial years, April to March.
	lastFY := math.MinInt
	for d := 0; d < days; d++ {
		if fy := m.p.Start.AddDays(d).FinancialYear(); fy != lastFY {
			lastFY = fy
			res.Years = append(res.Years, des.FinancialYearLabel(fy))
			res.Annual = append(res.Annual, [NumAnnual]float64{})
		}
		a := &res.Annual[len(res.Annual)-1]
		c := func(k int) float64 { return m.counts[k].At(w + d) }
		a[AnnualDays]++
		a[AnnualEDAttendances] += c(cED)
		a[AnnualUTCAttendances] += c(cUTC)
		a[AnnualSDECAttendances] += c(cSDEC)
		a[AnnualStreamedToCommunity] += c(cCommunityStreamed)
		a[AnnualCallForCareContacts] += c(cCFCContacts)
		a[AnnualCallForCareNavigated] += c(cCFCNavigated)
		a[AnnualNELAdmissions] += c(cNEL)
		a[AnnualReadmissions] += c(cReadmissions)
		a[AnnualDiverted] += c(cDiverted)
		a[AnnualElectiveReferrals] += c(cElectiveReferrals)
		a[AnnualAdviceAndGuidance] += c(cAdviceGuidance)
		a[AnnualElectiveAdmissions] += c(cElective)
		a[AnnualElectiveCancellations] += c(cCancelled)
		a[AnnualAcuteBedDays] += D[DailyAcuteMean][d]
		a[AnnualDelayedBedDays] += D[DailyAcuteDelayed][d]
		a[AnnualExcessBedDays] += c(cExcessBedDays)
		a[AnnualHospitalDeaths] += c(cDeaths)
		for k := range 4 {
			a[AnnualPathway0+k] += c(cPathway + k)
		}
		a[AnnualAE4hBreaches] += c(cAEBreaches)
		a[AnnualED12hDTA] += c(cED12h)
		a[AnnualICAdmissions] += c(cICAdmissions)
		a[AnnualICBedDays] += D[DailyICMean][d]
		a[AnnualReablementStarts] += c(cReablementStarts)
		a[AnnualReablementDays] += D[DailyReablementMean][d]
		a[AnnualCareHomeAdmissions] += c(cCareHomeAdmissions)
		a[AnnualCareHomeBedDays] += D[DailyCareHomeMean][d]
		a[AnnualEnrolments] += c(cEnrolments)
		a[AnnualCommunityCaseloadDays] += D[DailyCommunityMean][d]
		a[AnnualAcuteBeds] += D[DailyAcuteBeds][d]
		a[AnnualEDCubicles] += D[DailyEDCubicles][d]
		a[AnnualICBeds] += D[DailyICBeds][d]
		a[AnnualReablementPlaces] += D[DailyReablementPlaces][d]
		a[AnnualCareHomeBeds] += D[DailyCareHomeBeds][d]
		a[AnnualCommunityPlaces] += D[DailyCommunityPlaces][d]
	}
	for i := range res.Annual {
		a := &res.Annual[i]
		for _, k := range []int{AnnualAcuteBeds, AnnualEDCubicles, AnnualICBeds, AnnualReablementPlaces, AnnualCareHomeBeds, AnnualCommunityPlaces} {
			a[k] /= a[AnnualDays]
		}
	}

	// Metrics of the measured period.
	end := m.end
	years := float64(days) / 365.25
	ratio := func(a, b float64) float64 {
		if b == 0 {
			return math.NaN()
		}
		return a / b
	}
	M := &res.Metrics
	M[MetricEDAttendances] = (sum(cED) + sum(cUTC)) / years
	M[MetricEDType1Attendances] = sum(cED) / years
	M[MetricED4h] = 1 - ratio(sum(cAEBreaches), sum(cAEDepartures))
	M[MetricED12hDTA] = sum(cED12h) / years
	M[MetricEDWaitHours] = m.edWait.Mean()
	M[MetricEDTimeInDeptHours] = m.edDept.Mean()
	M[MetricWaitForBedDays] = m.bedWait.Mean()
	M[MetricNELAdmissions] = sum(cNEL) / years
	M[MetricElectiveAdmissions] = sum(cElective) / years
	M[MetricElectiveCancellations] = sum(cCancelled) / years
	M[MetricAcuteBedsOccupied] = m.acuteBusy.Mean(end)
	M[MetricAcuteOccupancy] = ratio(m.acuteBusy.Mean(end), m.capAcute.Mean(end))
	occ := make([]float64, 0, days)
	for d := range days {
		if D[DailyAcuteBeds][d] > 0 {
			occ = append(occ, D[DailyAcuteMean][d]/D[DailyAcuteBeds][d])
		}
	}
	M[MetricAcuteOccupancyP95] = math.NaN()
	if len(occ) > 0 {
		slices.Sort(occ)
		M[MetricAcuteOccupancyP95] = stat.Quantile(0.95, stat.Empirical, occ, nil)
	}
	M[MetricAcuteLOS] = m.acuteLOS.Mean()
	M[MetricAcuteDelayed] = m.delayed.Mean(end)
	M[MetricDelayP1] = m.delay[1].Mean()
	M[MetricDelayP2] = m.delay[2].Mean()
	M[MetricDelayP3] = m.delay[3].Mean()
	M[MetricDiverted] = ratio(sum(cDiverted), sum(cDiverted)+sum(cNEL))
	M[MetricICOccupancy] = ratio(m.icBusy.Mean(end), m.capIC.Mean(end))
	M[MetricICBedsOccupied] = m.icBusy.Mean(end)
	M[MetricICLOS] = m.icLOS.Mean()
	M[MetricReablementCaseload] = m.reabBusy.Mean(end)
	M[MetricCareHomeAdmissions] = sum(cCareHomeAdmissions) / years
	M[MetricCareHomeResidents] = m.chBusy.Mean(end)
	M[MetricCommunityCaseload] = m.commBusy.Mean(end)
	M[MetricReadmissions] = ratio(float64(m.readmit30), float64(m.dischargedAlive))
	M[MetricNavigated] = sum(cCFCNavigated) / years
	M[MetricHospitalDeaths] = sum(cDeaths) / years
	res.AcuteLOS.Merge(m.acuteLOS) // copies, so the model's storage is not shared
	res.ICLOS.Merge(m.icLOS)
	return res
}
