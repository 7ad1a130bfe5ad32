package document

import "strings"

// The closed lists of the plan document, in the order DESIGN.md gives them.
var (
	PlanKinds = []string{
		"early_help", "child_in_need", "child_protection", "child_in_care", "pathway", "childs_plan",
	}
	MeetingKinds = []string{
		"strategy_discussion", "initial_child_protection_conference",
		"review_child_protection_conference", "core_group", "cin_meeting", "cin_review",
		"looked_after_review", "pathway_review", "family_group_conference",
		"childs_planning_meeting", "team_around_the_family",
	}
	// TeamRoles are the roles the portal knows; team[].role may also be free text.
	TeamRoles = []string{
		"social_worker", "team_manager", "independent_reviewing_officer", "conference_chair",
		"lead_professional", "personal_adviser", "named_person", "advocate",
	}
	ActionStatuses = []string{"to_do", "in_progress", "done", "not_done"}
	// PrivateSectionNames are the sections of a plan a young person can keep private.
	PrivateSectionNames = []string{
		"why", "going_well", "worries", "outcomes", "actions", "keeping_safe",
		"if_things_go_wrong", "not_negotiable", "child_views", "family_views", "family_time",
	}
	Shares = []string{string(ShareFamily), string(ShareWorkers)}
)

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// closest returns the value of list nearest to s when it is a likely slip of the keyboard
// (a different case, spaces for underscores, or at most two letters wrong), else "".
func closest(list []string, s string) string {
	norm := strings.ToLower(strings.NewReplacer(" ", "_", "-", "_").Replace(strings.TrimSpace(s)))
	best, bestDist := "", 3
	for _, v := range list {
		if v == norm {
			return v
		}
		if d := editDistance(v, norm); d < bestDist {
			best, bestDist = v, d
		}
	}
	if best != "" {
		return best
	}
	// "cin_review_meeting": the longest value the slip starts with.
	for _, v := range list {
		if strings.HasPrefix(norm, v) && len(v) > len(best) {
			best = v
		}
	}
	return best
}

// editDistance is the Levenshtein distance between two short ASCII words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
