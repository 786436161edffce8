package demo

// provider is a fictional provider of social services in Mikroregion
// Podhůří. Its IČO is made from ico7 and the check digit.
type provider struct {
	name, legalForm, ico7      string
	seat, street, postcode     string // seat: a municipality code
	contact, email, phone, web string
	description                string
	services                   []service
}

// service is one social service in one form: one response to the
// capacity questionnaire, through its own invitation.
type service struct {
	name, kind, form string
	targetGroups     []string
	area             []string // municipality codes; nil for the whole microregion
	capacity         int      // places, or clients at a time
	clients          int      // clients last year, before variation
	waitingDays      int      // 0: no waiting list
	description      string
}

// The target groups of the code list that the providers name.
const (
	tgSeniors   = "seniori"
	tgChronic   = "osoby_s_chronickym_onemocnenim"
	tgDisabled  = "osoby_se_zdravotnim_postizenim"
	tgPhysical  = "osoby_s_telesnym_postizenim"
	tgMental    = "osoby_s_mentalnim_postizenim"
	tgCombined  = "osoby_s_kombinovanym_postizenim"
	tgPsychic   = "osoby_s_chronickym_dusevnim_onemocnenim"
	tgFamilies  = "rodiny_s_ditetem_detmi"
	tgYouth     = "deti_a_mladez_ve_veku_od_6_do_26_let_ohrozene_spolecensky_nezadoucimi_jevy"
	tgHomeless  = "osoby_bez_pristresi"
	tgCrisis    = "osoby_v_krizi"
	tgAddiction = "osoby_ohrozene_zavislosti_nebo_zavisle_na_navykovych_latkach"
	tgRisky     = "osoby_ktere_vedou_rizikovy_zpusob_zivota_nebo_jsou_timto_zpusobem_zivota_ohrozeny"
	tgExcluded  = "osoby_zijici_v_socialne_vyloucenych_komunitach"
	tgViolence  = "obeti_domaciho_nasili"
	tgCrime     = "obeti_trestne_cinnosti"
	tgCarers    = "pecujici_osoby"
	tgDementia  = "osoby_zijici_s_demenci"
)

var (
	town    = []string{"kamenice_pod_hurkou"}
	central = []string{"kamenice_pod_hurkou", "lhota_pod_hurkou", "horni_bukovina", "dolni_bukovina", "javorna", "olsany", "brezova"}
)

var providers = []provider{
	{name: "Oblastní charita Kamenice pod Hůrkou", legalForm: "church_entity", ico7: "7310452", seat: "kamenice_pod_hurkou",
		street: "Farní 112", postcode: "588 12", contact: "Marie Horáková", email: "charita@kamenice-charita.example", phone: "+420 567 201 310",
		web: "https://kamenice-charita.example", description: "Pomoc seniorům a lidem s postižením doma i v odlehčovacím pobytu.",
		services: []service{
			{"Charitní pečovatelská služba", "pecovatelska_sluzba", "field", []string{tgSeniors, tgDisabled, tgChronic}, nil, 35, 142, 14,
				"Pomoc v domácnosti, dovoz obědů, nákupy a osobní hygiena v celém mikroregionu, všední dny 7–19 h."},
			{"Odlehčovací služba Domeček", "odlehcovaci_sluzby", "residential", []string{tgSeniors, tgDementia, tgCarers}, nil, 6, 48, 60,
				"Pobyt na jeden až tři týdny, aby si pečující mohli odpočinout."},
		}},
	{name: "Domov pro seniory Podhůří, příspěvková organizace", legalForm: "contributory_organisation", ico7: "7088391", seat: "lhota_pod_hurkou",
		street: "Zámecká 4", postcode: "588 14", contact: "Ing. Pavel Dvořák", email: "reditel@domov-podhuri.example", phone: "+420 567 214 100",
		web: "https://domov-podhuri.example", description: "Domov pro seniory a domov se zvláštním režimem v zámeckém parku ve Lhotě pod Hůrkou.",
		services: []service{
			{"Domov pro seniory Lhota", "domovy_pro_seniory", "residential", []string{tgSeniors}, nil, 62, 79, 420,
				"Celoroční pobyt s péčí pro seniory, kteří se neobejdou bez pomoci druhé osoby."},
			{"Domov se zvláštním režimem Lhota", "domovy_se_zvlastnim_rezimem", "residential", []string{tgDementia, tgSeniors}, nil, 24, 31, 540,
				"Pobyt pro lidi s Alzheimerovou a jinými typy demence."},
		}},
	{name: "Město Kamenice pod Hůrkou", legalForm: "municipality", ico7: "0029271", seat: "kamenice_pod_hurkou",
		street: "Náměstí Míru 1", postcode: "588 12", contact: "Bc. Lenka Marková", email: "socialni@kamenice.example", phone: "+420 567 200 111",
		web: "https://kamenice.example", description: "Pečovatelská služba města pro občany Kamenice a okolních obcí.",
		services: []service{
			{"Pečovatelská služba města Kamenice", "pecovatelska_sluzba", "outpatient", []string{tgSeniors, tgDisabled}, []string{"kamenice_pod_hurkou", "lhota_pod_hurkou", "javorna"}, 40, 118, 0,
				"Středisko osobní hygieny, praní prádla a obědy v Domě s pečovatelskou službou."},
		}},
	{name: "Slunečnice, z. ú.", legalForm: "institute", ico7: "0521784", seat: "horni_bukovina",
		street: "Školní 58", postcode: "588 21", contact: "Mgr. Jana Veselá", email: "info@slunecnice.example", phone: "+420 601 338 450",
		web: "https://slunecnice.example", description: "Denní stacionář pro seniory a dospělé s mentálním postižením.",
		services: []service{
			{"Denní stacionář Slunečnice", "denni_stacionare", "outpatient", []string{tgSeniors, tgDementia, tgMental}, central, 15, 27, 45,
				"Program a péče přes den, svoz klientů z okolních obcí."},
		}},
	{name: "Asistence Podhůří, o. p. s.", legalForm: "public_benefit_company", ico7: "2694410", seat: "kamenice_pod_hurkou",
		street: "Husova 230", postcode: "588 12", contact: "Tomáš Král", email: "asistence@asistence-podhuri.example", phone: "+420 731 902 114",
		web: "https://asistence-podhuri.example", description: "Osobní asistence pro děti i dospělé s tělesným a kombinovaným postižením.",
		services: []service{
			{"Osobní asistence Podhůří", "osobni_asistence", "field", []string{tgPhysical, tgCombined, tgSeniors}, nil, 18, 34, 90,
				"Asistence doma, ve škole, v práci i na cestách, až 24 hodin denně."},
		}},
	{name: "Rovnováha, z. s.", legalForm: "association", ico7: "2271364", seat: "olsany",
		street: "Na Výsluní 17", postcode: "588 23", contact: "Petra Šimková", email: "rovnovaha@rovnovaha.example", phone: "+420 774 510 220",
		web: "https://rovnovaha.example", description: "Bydlení s podporou a pracovní uplatnění pro lidi s mentálním postižením a duševním onemocněním.",
		services: []service{
			{"Chráněné bydlení Rovnováha", "chranene_bydleni", "residential", []string{tgMental, tgPsychic}, nil, 12, 13, 365,
				"Byty pro dva až tři klienty s podporou asistentů."},
			{"Sociálně terapeutická dílna Ruce", "socialne_terapeuticke_dilny", "outpatient", []string{tgMental, tgCombined}, central, 14, 22, 0,
				"Keramická a zahradnická dílna, nácvik pracovních návyků."},
		}},
	{name: "Rodinné centrum Hnízdo, z. s.", legalForm: "association", ico7: "0663810", seat: "dolni_bukovina",
		street: "Zahradní 301", postcode: "588 22", contact: "Kateřina Procházková", email: "hnizdo@rc-hnizdo.example", phone: "+420 608 441 902",
		web: "https://rc-hnizdo.example", description: "Podpora rodin s dětmi v obtížné situaci, poradenství a doprovázení.",
		services: []service{
			{"Hnízdo – podpora rodin", "socialne_aktivizacni_sluzby_pro_rodiny_s_detmi", "field", []string{tgFamilies}, nil, 8, 41, 0,
				"Pracovnice dochází do rodin, pomáhá s péčí o děti, s hospodařením a s úřady."},
		}},
	{name: "Prostor pro mladé, z. s.", legalForm: "association", ico7: "2650173", seat: "kamenice_pod_hurkou",
		street: "Nádražní 88", postcode: "588 12", contact: "Ondřej Beneš", email: "kotelna@prostor-mladi.example", phone: "+420 722 180 600",
		web: "https://prostor-mladi.example", description: "Nízkoprahový klub Kotelna pro děti a mládež od 6 do 26 let.",
		services: []service{
			{"Nízkoprahový klub Kotelna", "nizkoprahova_zarizeni_pro_deti_a_mladez", "outpatient", []string{tgYouth}, town, 20, 156, 0,
				"Klub otevřený odpoledne, rada a pomoc zdarma a anonymně."},
		}},
	{name: "Občanská poradna Podhůří, z. s.", legalForm: "association", ico7: "2698261", seat: "kamenice_pod_hurkou",
		street: "Palackého 15", postcode: "588 12", contact: "JUDr. Eva Kučerová", email: "poradna@poradna-podhuri.example", phone: "+420 567 222 733",
		web: "https://poradna-podhuri.example", description: "Bezplatné a důvěrné poradenství: dluhy, bydlení, pracovní a rodinné vztahy.",
		services: []service{
			{"Občanská poradna Podhůří", "odborne_socialni_poradenstvi", "outpatient", []string{tgCrisis, tgFamilies, tgSeniors, tgExcluded}, nil, 3, 412, 7,
				"Poradna v Kamenici, otevřeno pondělí a středa 8–17 h."},
			{"Dluhová poradna v obcích", "odborne_socialni_poradenstvi", "field", []string{tgCrisis, tgExcluded}, nil, 1, 96, 21,
				"Poradkyně dojíždí jednou za měsíc na obecní úřady."},
		}},
	{name: "Přístav – azylové bydlení, z. ú.", legalForm: "institute", ico7: "0771520", seat: "brezova",
		street: "Lesní 9", postcode: "588 24", contact: "Mgr. Lucie Pokorná", email: "pristav@pristav-bydleni.example", phone: "+420 739 011 520",
		web: "https://pristav-bydleni.example", description: "Azylový dům pro matky a otce s dětmi v tíživé situaci.",
		services: []service{
			{"Azylový dům pro rodiny s dětmi Přístav", "azylove_domy", "residential", []string{tgFamilies, tgHomeless, tgViolence}, nil, 16, 37, 30,
				"Přechodné ubytování až na rok s podporou sociální pracovnice."},
		}},
	{name: "Prevence Podhůří, z. ú.", legalForm: "institute", ico7: "0538061", seat: "kamenice_pod_hurkou",
		street: "Tovární 410", postcode: "588 12", contact: "Mgr. Jakub Novotný", email: "brana@prevence-podhuri.example", phone: "+420 777 330 118",
		web: "https://prevence-podhuri.example", description: "Služby pro lidi ohrožené závislostí a jejich blízké.",
		services: []service{
			{"Kontaktní centrum Brána", "kontaktni_centra", "outpatient", []string{tgAddiction, tgRisky}, nil, 6, 88, 0,
				"Výměna injekčního materiálu, testy, poradenství a zprostředkování léčby."},
			{"Terénní program Podhůří", "terenni_programy", "field", []string{tgAddiction, tgHomeless, tgExcluded}, nil, 4, 64, 0,
				"Terénní pracovníci v ulicích, na ubytovnách a v odlehlých obcích."},
		}},
	{name: "Kopretina – raná péče, z. ú.", legalForm: "institute", ico7: "0603412", seat: "horni_bukovina",
		street: "U Potoka 12", postcode: "588 21", contact: "Mgr. Hana Malá", email: "kopretina@rana-pece.example", phone: "+420 605 774 211",
		web: "https://rana-pece.example", description: "Podpora rodin s dětmi do sedmi let s postižením nebo ohroženým vývojem.",
		services: []service{
			{"Raná péče Kopretina", "rana_pece", "field", []string{tgFamilies, tgDisabled}, nil, 30, 38, 30,
				"Konzultantka jezdí do rodin jednou za dva až tři měsíce."},
		}},
	{name: "Anděl Podhůří s. r. o.", legalForm: "company", ico7: "0910376", seat: "vlckovice",
		street: "Hlavní 27", postcode: "588 25", contact: "Martin Černý", email: "andel@andel-podhuri.example", phone: "+420 800 144 400",
		web: "https://andel-podhuri.example", description: "Nepřetržitá tísňová péče: tlačítko pro přivolání pomoci.",
		services: []service{
			{"Tísňová péče Anděl", "tisnova_pece", "field", []string{tgSeniors, tgDisabled, tgChronic}, nil, 120, 131, 0,
				"Dispečink 24 hodin denně, výjezd pomoci k uživateli."},
		}},
	{name: "Bezpečný domov, z. s.", legalForm: "association", ico7: "2674032", seat: "kamenice_pod_hurkou",
		street: "Komenského 5", postcode: "588 12", contact: "Mgr. Alena Říhová", email: "pomoc@bezpecny-domov.example", phone: "+420 776 900 112",
		web: "https://bezpecny-domov.example", description: "Krizová pomoc lidem v akutní tíživé situaci a obětem domácího násilí.",
		services: []service{
			{"Krizová pomoc Bezpečný domov", "krizova_pomoc", "outpatient", []string{tgCrisis, tgViolence, tgCrime}, nil, 2, 74, 0,
				"Okamžitá pomoc bez objednání, v pracovní dny 8–18 h, jinak telefonicky."},
		}},
	{name: "Senior klub Javorná, z. s.", legalForm: "association", ico7: "0691135", seat: "javorna",
		street: "Návesní 2", postcode: "588 26", contact: "Jaroslav Vondra", email: "klub@senior-javorna.example", phone: "+420 604 212 845",
		web: "https://senior-javorna.example", description: "Aktivizační program, kurzy a výlety pro seniory a lidi s postižením.",
		services: []service{
			{"Aktivizační služby pro seniory Javorná", "socialne_aktivizacni_sluzby_pro_seniory_a_osoby_se_zdravotnim_postizenim", "outpatient", []string{tgSeniors, tgDisabled},
				[]string{"javorna", "radostin", "studena_voda"}, 15, 58, 0, "Trénink paměti, cvičení, počítačový kurz a společné obědy."},
		}},
}

// ico returns the IČO made of seven digits and the mod-11 check digit.
func ico(seven string) string {
	sum := 0
	for i := range 7 {
		sum += int(seven[i]-'0') * (8 - i)
	}
	check := (11 - sum%11) % 10 // remainder 0 gives 1, 1 gives 0, r gives 11-r
	return seven + string(rune('0'+check))
}

// municipalityName returns the name of a municipality code.
func municipalityName(code string) string {
	for _, m := range municipalities {
		if m.code == code {
			return m.name
		}
	}
	return code
}
