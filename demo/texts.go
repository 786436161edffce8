package demo

// Free-text answers of the demo, written as residents and providers of a
// Czech microregion write them. They name no real person.

var dissatisfied = []string{
	"Pečovatelka chodí jen ve všední dny, o víkendu si musíme poradit sami.",
	"Na místo v domově čekáme už přes rok a nikdo nám neřekl, kdy to bude.",
	"Služba je dobrá, ale pořád se mění pracovnice a maminka si nestihne zvyknout.",
	"Obědy vozí studené a pozdě, na vesnici to nikoho nezajímá.",
	"Do poradny se nedá dovolat, telefon nikdo nebere.",
	"Chybí mi, že nikdo nepřijede až domů, musím kvůli všemu do Kamenice.",
	"Za službu platíme čím dál víc a rozsah se zmenšuje.",
}

var otherServices = []string{
	"Doprava k lékaři pro lidi, kteří nemají auto (senior taxi).",
	"Půjčovna kompenzačních pomůcek blíž než v okresním městě.",
	"Psycholog nebo poradna pro dospívající.",
	"Pomoc s úklidem a nákupy i pro lidi, kteří nemají příspěvek na péči.",
	"Podpora pro pečující – svépomocná skupina, kde se můžeme vystřídat.",
}

var remarksRemote = []string{
	"Autobus do Kamenice jede dvakrát denně, bez auta se k žádné službě nedostaneme.",
	"U nás v obci nic není, ani obchod. Pečovatelská služba by měla jezdit i k nám.",
	"Prosíme o pojízdnou poradnu nebo aspoň jeden den v měsíci úřední hodiny na obecním úřadě.",
	"Starší lidé tady zůstávají sami, děti odešly do města. Chybí někdo, kdo by se na ně občas podíval.",
	"Zimní údržba cest je špatná, pečovatelka se k nám v zimě nedostane.",
}

var remarksSeniors = []string{
	"Starám se o manžela po mrtvici a potřebovala bych si aspoň jednou za čas odpočinout.",
	"Oceňuji klub seniorů v Javorné, kéž by byl i jinde.",
	"Tlačítko tísňové péče nám dalo klid, maminka bydlí sama.",
	"Domov pro seniory je plný, čekací doba je nepřijatelná. Je potřeba rozšířit kapacitu.",
	"Informace o službách by měly být ve zpravodaji, ne jen na internetu.",
	"Chtěla bych zůstat doma co nejdéle, ale bez pomoci to za pár let nepůjde.",
	"Děkuji, že se ptáte. Pečovatelky z charity jsou moc hodné.",
}

var remarksFamilies = []string{
	"Pro děti a mladé tu chybí místo, kde by mohli trávit čas mimo hospodu.",
	"Jako samoživitelka nestíhám úřední hodiny, uvítala bych poradenství i večer nebo online.",
	"Rodinné centrum v Dolní Bukovině je skvělé, ale chybí tam kroužky pro starší děti.",
	"Mladé rodiny tady nemají kde bydlet, obecní byty nejsou.",
	"Syn má autismus a nejbližší raná péče jezdí jen jednou za měsíc.",
}

var remarksGeneral = []string{
	"Víc informací o tom, na koho se obrátit, když se něco stane.",
	"Dluhová poradna by měla být i mimo Kamenici, lidé se stydí tam jít.",
	"Dotazník je dlouhý, ale dobrý nápad.",
	"Obce by měly víc spolupracovat a neřešit každá vše sama.",
	"V Březové přibývá lidí na ubytovně a nikdo to neřeší.",
	"Lékař by měl vědět, kam poslat pacienta, když potřebuje pomoc doma.",
}

var providerPlans = []string{
	"Chceme rozšířit provoz i na víkendy, pokud získáme peníze na další pracovnici.",
	"Připravujeme rozšíření služby do obcí Zálesí a Mlýnec.",
	"Kapacitu zachováme; plánujeme rekonstrukci prostor a bezbariérový vstup.",
	"Uvažujeme o terénní formě služby pro odlehlé obce.",
	"Chceme otevřít svépomocnou skupinu pro pečující.",
}

var providerNeeds = []string{
	"Odmítáme zájemce z odlehlých obcí, nemáme auto ani řidiče.",
	"Přibývá klientů s demencí, na které nejsme personálně připraveni.",
	"Lidé k nám chodí pozdě, až když je situace neřešitelná; chybí prevence a informace.",
	"Poptávka po službě je vyšší, než kolik zvládneme; čekací listina roste.",
	"Chybí navazující bydlení pro klienty, kteří odcházejí z naší služby.",
}

var providerHelp = []string{
	"Víceleté financování místo ročních dotací.",
	"Služební auto a příspěvek obcí na dopravu do odlehlých míst.",
	"Prostory v centru Kamenice, dostupné autobusem.",
	"Společná propagace služeb mikroregionu, například katalog ve zpravodaji.",
	"Mzdy, za které seženeme a udržíme pracovníky v sociálních službách.",
}

var providerCooperation = []string{
	"Pravidelná setkání s obcemi, ne jen při žádostech o dotace.",
	"Kontaktní osoba na každém obecním úřadě.",
	"Spolupráce funguje dobře s Kamenicí, s malými obcemi téměř žádná.",
	"Obce by nám mohly pomoci s informováním občanů.",
}
