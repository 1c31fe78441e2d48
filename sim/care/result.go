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
	D[DailyAcuteMidnight] = slices.Clone(m.busy(svcAcute).Midnights()[w:e])
	D[DailyAcuteMean] = lvl(m.busy(svcAcute))
	D[DailyAcuteBeds] = lvl(&m.lv[svcAcute.capLv])
	D[DailyAcuteDelayed] = lvl(&m.lv[lvDelayed])
	D[DailyAcuteDelayedP1] = lvl(&m.lv[lvDelayedP1])
	D[DailyAcuteDelayedP2] = lvl(&m.lv[lvDelayedP2])
	D[DailyAcuteDelayedP3] = lvl(&m.lv[lvDelayedP3])
	D[DailyWaitingForBed] = lvl(&m.lv[lvWaitBed])
	D[DailyEDOccupancy] = lvl(m.busy(svcED))
	D[DailyEDCubicles] = lvl(&m.lv[svcED.capLv])
	D[DailyICMidnight] = slices.Clone(m.busy(svcIC).Midnights()[w:e])
	D[DailyICMean] = lvl(m.busy(svcIC))
	D[DailyICBeds] = lvl(&m.lv[svcIC.capLv])
	D[DailyReablementMean] = lvl(m.busy(svcReablement))
	D[DailyReablementPlaces] = lvl(&m.lv[svcReablement.capLv])
	D[DailyCareHomeMidnight] = slices.Clone(m.busy(svcCareHomes).Midnights()[w:e])
	D[DailyCareHomeMean] = lvl(m.busy(svcCareHomes))
	D[DailyCareHomeBeds] = lvl(&m.lv[svcCareHomes.capLv])
	D[DailyCommunityMean] = lvl(m.busy(svcCommunity))
	D[DailyCommunityPlaces] = lvl(&m.lv[svcCommunity.capLv])
	D[DailyArrivalsWalkIn] = cnt(cArrivals + routeWalkIn)
	D[DailyArrivalsAmbulance] = cnt(cArrivals + routeAmbulance)
	D[DailyArrivalsGP] = cnt(cArrivals + routeGP)
	D[DailyArrivalsCareHome] = cnt(cArrivals + routeCareHome)
	D[DailyEDAttendances] = cnt(svcED.entries)
	D[DailyUTCAttendances] = cnt(svcUTC.entries)
	D[DailySDECAttendances] = cnt(svcSDEC.entries)
	D[DailyAEDepartures] = cnt(cAEDepartures)
	D[DailyAE4hBreaches] = cnt(cAEBreaches)
	D[DailyED12hDTA] = cnt(cED12h)
	D[DailyNELAdmissions] = cnt(svcAcute.entries)
	D[DailyElectiveAdmissions] = cnt(cElective)
	D[DailyElectiveCancellations] = cnt(cCancelled)
	D[DailyDischarges] = cnt(cDischarges)
	D[DailyCareHomeAdmissions] = cnt(svcCareHomes.entries)
	if m.cfg.Pilot {
		res.Pilot = slices.Clone(m.busy(svcAcute).DayMeans()[:e])
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
		a[AnnualEDAttendances] += c(svcED.entries)
		a[AnnualUTCAttendances] += c(svcUTC.entries)
		a[AnnualSDECAttendances] += c(svcSDEC.entries)
		a[AnnualStreamedToCommunity] += c(cCommunityStreamed)
		a[AnnualCallForCareContacts] += c(cCFCContacts)
		a[AnnualCallForCareNavigated] += c(cCFCNavigated)
		a[AnnualNELAdmissions] += c(svcAcute.entries)
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
		a[AnnualICAdmissions] += c(svcIC.entries)
		a[AnnualICBedDays] += D[DailyICMean][d]
		a[AnnualReablementStarts] += c(svcReablement.entries)
		a[AnnualReablementDays] += D[DailyReablementMean][d]
		a[AnnualCareHomeAdmissions] += c(svcCareHomes.entries)
		a[AnnualCareHomeBedDays] += D[DailyCareHomeMean][d]
		a[AnnualEnrolments] += c(svcCommunity.entries)
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
	M[MetricEDAttendances] = (sum(svcED.entries) + sum(svcUTC.entries)) / years
	M[MetricEDType1Attendances] = sum(svcED.entries) / years
	M[MetricED4h] = 1 - ratio(sum(cAEBreaches), sum(cAEDepartures))
	M[MetricED12hDTA] = sum(cED12h) / years
	M[MetricEDWaitHours] = m.tallies[tEDWait].Mean()
	M[MetricEDTimeInDeptHours] = m.tallies[tEDDept].Mean()
	M[MetricWaitForBedDays] = m.tallies[tBedWait].Mean()
	M[MetricNELAdmissions] = sum(svcAcute.entries) / years
	M[MetricElectiveAdmissions] = sum(cElective) / years
	M[MetricElectiveCancellations] = sum(cCancelled) / years
	M[MetricAcuteBedsOccupied] = m.busy(svcAcute).Mean(end)
	M[MetricAcuteOccupancy] = ratio(m.busy(svcAcute).Mean(end), m.lv[svcAcute.capLv].Mean(end))
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
	M[MetricAcuteLOS] = m.stays(svcAcute).Mean()
	M[MetricAcuteDelayed] = m.lv[lvDelayed].Mean(end)
	M[MetricDelayP1] = m.tallies[tDelayP1].Mean()
	M[MetricDelayP2] = m.tallies[tDelayP2].Mean()
	M[MetricDelayP3] = m.tallies[tDelayP3].Mean()
	M[MetricDiverted] = ratio(sum(cDiverted), sum(cDiverted)+sum(svcAcute.entries))
	M[MetricICOccupancy] = ratio(m.busy(svcIC).Mean(end), m.lv[svcIC.capLv].Mean(end))
	M[MetricICBedsOccupied] = m.busy(svcIC).Mean(end)
	M[MetricICLOS] = m.stays(svcIC).Mean()
	M[MetricReablementCaseload] = m.busy(svcReablement).Mean(end)
	M[MetricCareHomeAdmissions] = sum(svcCareHomes.entries) / years
	M[MetricCareHomeResidents] = m.busy(svcCareHomes).Mean(end)
	M[MetricCommunityCaseload] = m.busy(svcCommunity).Mean(end)
	M[MetricReadmissions] = ratio(float64(m.readmit30), float64(m.dischargedAlive))
	M[MetricNavigated] = sum(cCFCNavigated) / years
	M[MetricHospitalDeaths] = sum(cDeaths) / years
	res.AcuteLOS.Merge(*m.stays(svcAcute)) // copies, so the model's storage is not shared
	res.ICLOS.Merge(*m.stays(svcIC))
	return res
}
