package demo

import "github.com/triada-kpss/triada/engine"

// groups are the working groups of the plan, one per target group, and
// the steering group, which sees everything.
var groups = []engine.GroupInput{
	{ID: "seniors", Name: "Senioři", Tags: []string{"seniors"}},
	{ID: "disabled", Name: "Osoby se zdravotním postižením", Tags: []string{"disabled"}},
	{ID: "families", Name: "Rodiny, děti a mládež", Tags: []string{"families"}},
	{ID: "exclusion", Name: "Osoby ohrožené sociálním vyloučením a v krizi", Tags: []string{"exclusion"}},
	{ID: "addiction", Name: "Osoby ohrožené závislostí", Tags: []string{"addiction"}},
	{ID: "steering", Name: "Řídicí skupina", Tags: []string{"seniors", "disabled", "families", "exclusion", "addiction"}},
}

// ConsultationID is the id of the demo's comment period on the draft plan.
const ConsultationID = "komunitni-plan-2028-2031"

const consultationTitle = "Komunitní plán sociálních služeb Mikroregionu Podhůří 2028–2031 (návrh)"

var sections = []engine.SectionInput{
	{ID: "uvod", Title: "Úvod", Text: "Plán vznikl ve spolupráci dvanácti obcí Mikroregionu Podhůří, poskytovatelů sociálních služeb a jejich uživatelů. " +
		"Vychází z průzkumu potřeb obyvatel (1 200 odpovědí) a z dotazníku pro poskytovatele."},
	{ID: "analyza", Title: "Shrnutí analýz", Text: "Obyvatelé nejčastěji postrádají odlehčovací službu, pečovatelskou službu o víkendech a dopravu ke službám z odlehlých obcí. " +
		"Domov pro seniory má čekací dobu přes rok."},
	{ID: "seniori", Title: "Priority: senioři", Text: "1.1 Rozšířit pečovatelskou službu do všech obcí. 1.2 Zavést pečovatelskou službu o víkendech. " +
		"1.3 Zřídit odlehčovací službu s terénní formou."},
	{ID: "zdravotni-postizeni", Title: "Priority: osoby se zdravotním postižením", Text: "2.1 Navýšit hodiny osobní asistence. 2.2 Podpořit chráněné bydlení a tréninkové byty."},
	{ID: "rodiny", Title: "Priority: rodiny, děti a mládež", Text: "3.1 Zachovat nízkoprahový klub v Kamenici. 3.2 Rozšířit podporu rodin do menších obcí."},
	{ID: "vylouceni", Title: "Priority: osoby ohrožené vyloučením a v krizi", Text: "4.1 Dluhové poradenství v obcích. 4.2 Rozšířit kapacitu azylového domu v Březové."},
	{ID: "zavislosti", Title: "Priority: osoby ohrožené závislostí", Text: "5.1 Zachovat kontaktní centrum. 5.2 Terénní program i v odlehlých obcích."},
	{ID: "financovani", Title: "Financování a naplňování plánu", Text: "Obce přispějí na služby podle počtu obyvatel. Řídicí skupina vyhodnotí plán každý rok."},
}

// plannedComment is a comment of the demo and how far its settlement got.
type plannedComment struct {
	in        engine.CommentInput
	relevance string   // "" leaves it received
	groups    []string // assigned when relevant
	outcome   string   // "" leaves a relevant comment undecided
	response  string
}

func author(name, email, municipality, organisation string) engine.AuthorInput {
	return engine.AuthorInput{Name: name, Email: email, Municipality: municipality, Organisation: organisation, PublishName: organisation != ""}
}

var comments = []plannedComment{
	{in: engine.CommentInput{Section: "seniori", Text: "Navrhujeme, aby pečovatelská služba fungovala i o víkendech a svátcích, alespoň pro dovoz obědů a pomoc s hygienou.",
		Author: author("Věra Kolářová", "vera.kolarova@podhuri.example", "Olšany", "")},
		relevance: engine.Relevant, groups: []string{"seniors"}, outcome: "accepted",
		response: "Opatření 1.2 jsme doplnili o víkendový provoz od roku 2029; obce na něj vyčlení příspěvek."},
	{in: engine.CommentInput{Section: "zdravotni-postizeni", Text: "Osobní asistence nejezdí do Mlýnce a Zálesí. Plán by měl počítat s příspěvkem na dopravu asistentek do odlehlých obcí.",
		Author: author("Tomáš Král", "asistence@asistence-podhuri.example", "Kamenice pod Hůrkou", "Asistence Podhůří, o. p. s.")},
		relevance: engine.Relevant, groups: []string{"disabled", "steering"}, outcome: "partially_accepted",
		response: "Příspěvek na dopravu zařadíme jako pilotní opatření na dva roky; o pokračování rozhodne řídicí skupina podle vyhodnocení."},
	{in: engine.CommentInput{Section: "vylouceni", Text: "Nesouhlasíme s rozšířením azylového domu v Březové. Obec je malá a další ubytovaní by změnili její charakter.",
		Author: author("Josef Bartoš", "josef.bartos@podhuri.example", "Březová", "")},
		relevance: engine.Relevant, groups: []string{"exclusion"}, outcome: "rejected",
		response: "Azylový dům je jediný v mikroregionu a odmítá polovinu žadatelů. Rozšíření se týká stávající budovy; obec Březová se na přípravě podílela."},
	{in: engine.CommentInput{Section: "rodiny", Text: "Děkujeme, že plán počítá se zachováním klubu Kotelna. Mladí z okolních obcí by ale potřebovali, aby klub byl otevřený i v sobotu.",
		Author: author("Ondřej Beneš", "kotelna@prostor-mladi.example", "Kamenice pod Hůrkou", "Prostor pro mladé, z. s.")},
		relevance: engine.Relevant, groups: []string{"families"}, outcome: "noted",
		response: "Bereme na vědomí; sobotní provoz posoudí pracovní skupina při ročním vyhodnocení plánu."},
	{in: engine.CommentInput{Text: "V kapitole o financování chybí, kolik bude plán obce stát. Bez čísel nemůže zastupitelstvo rozhodnout.",
		Author: author("Ing. Karel Jelínek", "karel.jelinek@podhuri.example", "Horní Bukovina", "")},
		relevance: engine.Relevant, groups: []string{"steering"}},
	{in: engine.CommentInput{Text: "Kdy bude opravena silnice z Kamenice do Mlýnce? V zimě je nesjízdná.",
		Author: author("Marie Urbanová", "marie.urbanova@podhuri.example", "Mlýnec", "")},
		relevance: engine.NotRelevant,
		response:  "Připomínka se netýká plánu sociálních služeb; předali jsme ji odboru dopravy města Kamenice pod Hůrkou."},
	{in: engine.CommentInput{Section: "zavislosti", Text: "Terénní program by měl pravidelně docházet i na ubytovnu v Březové, kde žijí rodiny s dětmi.",
		Author: author("Lucie Pokorná", "pristav@pristav-bydleni.example", "Březová", "Přístav – azylové bydlení, z. ú.")}},
}
