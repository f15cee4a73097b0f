"""Word lists the entity extractor matches: component synonyms and context cues.

Kept apart from the matching code so that adding a synonym is a one-line data change
reviewed by someone who speaks the language, not a code change. Everything here is
plain data; `bot.recognisers` compiles it on first use.

How entries are matched (see `bot.recognisers`):

- Entries are compared after `bot.text.fold_for_matching` (case, accents and
  apostrophes do not matter: "Écran", "ecran" and "ÉCRAN" are one entry) and word by
  word, so spaces, hyphens, apostrophes and slashes between words are
  interchangeable ("docking station" also matches "docking-station"; "won't turn
  on" also matches "won’t turn on"). Write compounds that are also spelled as one
  word twice ("harde schijf", "hardeschijf").
- German and Danish entries are also matched in their ASCII transliteration
  ("Lüfter" → "luefter", "skærm" → "skaerm"), generated automatically.
- Chinese entries are matched as substrings (Chinese has no spaces).
- Inflected forms are listed explicitly (plural, Danish definite "-en"/"-et"):
  a generic suffix rule would turn Danish "fane" (tab) into "fan" + "e".
- When two entries overlap, the longest wins: "power adapter" is `ac_adapter`,
  "power" alone is `power`; "外接显示器" is `external_monitor`, "显示器" `display`.

Words left out on purpose, because they are too often something else: French "son"
and "ton" (also "his"/"your": "son écran"), German bare "Speicher" (memory or
storage), English "key" ("product key"), bare "sound"/"geluid"/"lyd"/"声音" (any
noise: "the fan makes a clicking sound" is not an audio fault; "no sound", "het
geluid" are kept), "bios" (a place: "not detected in bios"), Chinese "笔" (part of
"笔记本", laptop), "系统" (any "system").

A desktop's "power supply" / "voeding" is `power` (inside the PC, as the training
data annotates it); the laptop's external "power adapter", "charger", "oplader" is
`ac_adapter`.
"""

from __future__ import annotations

# The normalised component values of contracts §3 live in careline.entitlement.COMPONENTS.

# Component synonyms per language: language → component → phrases.
COMPONENT_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "power": (
            "power",
            "no power",
            "power button",
            "power on",
            "won't turn on",
            "wont turn on",
            "will not turn on",
            "doesn't turn on",
            "doesnt turn on",
            "does not turn on",
            "not turning on",
            "won't power on",
            "won't switch on",
            "doesn't switch on",
            "won't start",
            "wont start",
            "will not start",
            "doesn't start",
            "does not start",
            "won't boot",
            "wont boot",
            "will not boot",
            "doesn't boot",
            "does not boot",
            "not booting",
            "power supply",
            "power supply unit",
            "psu",
        ),
        "battery": ("battery", "batteries"),
        "ac_adapter": (
            "charger",
            "chargers",
            "adapter",
            "adaptor",
            "ac adapter",
            "power adapter",
            "power cord",
            "power cable",
            "charging cable",
            "power brick",
        ),
        "display": (
            "screen",
            "screens",
            "display",
            "displays",
            "lcd",
            "touchscreen",
            "touch screen",
            "laptop screen",
            "backlight",
        ),
        "external_monitor": (
            "monitor",
            "monitors",
            "external monitor",
            "external display",
            "external screen",
            "second screen",
            "second monitor",
            "second display",
        ),
        "keyboard": (
            "keyboard",
            "keyboards",
            "keys",
            "keyboard backlight",
            "spacebar",
            "space bar",
            "enter key",
            "shift key",
        ),
        "mouse": ("mouse", "mice", "wireless mouse"),
        "touchpad": ("touchpad", "trackpad", "touch pad", "track pad", "clickpad"),
        "storage": (
            "hard drive",
            "hard drives",
            "hard disk",
            "hdd",
            "ssd",
            "disk",
            "disks",
            "drive",
            "drives",
            "storage",
            "nvme",
        ),
        "memory": ("memory", "ram"),
        "motherboard": ("motherboard", "mainboard", "system board", "logic board"),
        "fan": ("fan", "fans", "cooling fan"),
        "audio": (
            "audio",
            "no sound",
            "the sound",
            "sound card",
            "speaker",
            "speakers",
            "headphone jack",
            "microphone",
            "mic",
        ),
        "camera": ("camera", "webcam", "web cam"),
        "network": ("wifi", "wi-fi", "wlan", "wireless", "network", "ethernet", "bluetooth"),
        "docking_station": (
            "dock",
            "docks",
            "docking",
            "docking station",
            "dockingstation",
            "port replicator",
        ),
        "pen": ("pen", "pens", "stylus", "digital pen", "active pen"),
        "printer": (
            "printer",
            "printers",
            "plotter",
            "plotters",
            "paper jam",
            "printhead",
            "printheads",
            "print head",
            "print heads",
        ),
        "software": (
            "software",
            "driver",
            "drivers",
            "windows",
            "operating system",
            "bios update",
            "firmware update",
        ),
    },
    "nl": {
        "power": (
            "gaat niet aan",
            "gaat niet meer aan",
            "wil niet aan",
            "springt niet aan",
            "start niet",
            "start niet op",
            "start niet meer",
            "start niet meer op",
            "wil niet opstarten",
            "wil niet starten",
            "geen stroom",
            "aan/uit-knop",
            "aan-uitknop",
            "aan/uit knop",
            "voeding",
        ),
        "battery": ("accu", "accu's", "batterij", "batterijen"),
        "ac_adapter": (
            "oplader",
            "opladers",
            "lader",
            "adapter",
            "voedingsadapter",
            "netadapter",
            "stroomadapter",
            "laadkabel",
            "voedingskabel",
            "stroomkabel",
        ),
        "display": (
            "scherm",
            "schermen",
            "beeldscherm",
            "display",
            "lcd",
            "touchscreen",
            "aanraakscherm",
        ),
        "external_monitor": (
            "monitor",
            "externe monitor",
            "extern scherm",
            "externe scherm",
            "tweede scherm",
            "tweede monitor",
            "extra scherm",
            "extra monitor",
        ),
        "keyboard": (
            "toetsenbord",
            "toetsenborden",
            "toetsen",
            "toets",
            "toetsenbordverlichting",
            "spatiebalk",
            "entertoets",
            "shifttoets",
        ),
        "mouse": ("muis", "muizen", "draadloze muis"),
        "touchpad": ("touchpad", "trackpad"),
        "storage": (
            "harde schijf",
            "hardeschijf",
            "harde schijven",
            "schijf",
            "schijven",
            "ssd",
            "harddisk",
            "opslag",
        ),
        "memory": ("geheugen", "werkgeheugen", "ram"),
        "motherboard": ("moederbord", "systeembord"),
        "fan": ("ventilator", "ventilatoren", "fan", "fans"),
        "audio": (
            "geen geluid",
            "het geluid",
            "geluidskaart",
            "audio",
            "luidspreker",
            "luidsprekers",
            "speaker",
            "speakers",
            "microfoon",
            "koptelefoonaansluiting",
            "hoofdtelefoonaansluiting",
        ),
        "camera": ("camera", "webcam"),
        "network": (
            "wifi",
            "netwerk",
            "netwerkpoort",
            "netwerkkaart",
            "draadloos",
            "draadloze",
            "bluetooth",
        ),
        "docking_station": ("dock", "dockingstation", "docking station", "docking"),
        "pen": ("pen", "stylus"),
        "printer": (
            "printer",
            "printers",
            "plotter",
            "papierstoring",
            "printkop",
            "printkoppen",
        ),
        "software": (
            "software",
            "stuurprogramma",
            "stuurprogramma's",
            "driver",
            "drivers",
            "besturingssysteem",
            "windows",
            "bios-update",
            "biosupdate",
            "firmware-update",
        ),
    },
    "da": {
        "power": (
            "vil ikke tænde",
            "tænder ikke",
            "kan ikke tænde",
            "vil ikke starte",
            "starter ikke",
            "kan ikke starte",
            "ingen strøm",
            "tænd/sluk-knap",
            "tænd/sluk knap",
            "tændknap",
            "tænd-knap",
        ),
        "battery": ("batteri", "batteriet", "batterier", "batterierne"),
        "ac_adapter": (
            "oplader",
            "opladeren",
            "opladere",
            "strømforsyning",
            "strømforsyningen",
            "adapter",
            "adapteren",
            "ladekabel",
            "strømkabel",
            "strømadapter",
        ),
        "display": (
            "skærm",
            "skærmen",
            "skærme",
            "display",
            "displayet",
            "lcd",
            "berøringsskærm",
            "touchskærm",
        ),
        "external_monitor": (
            "monitor",
            "monitoren",
            "ekstern skærm",
            "eksterne skærm",
            "anden skærm",
            "ekstra skærm",
            "ekstern monitor",
            "ekstra monitor",
        ),
        "keyboard": ("tastatur", "tastaturet", "taster", "tasterne", "mellemrumstast"),
        "mouse": ("mus", "musen", "trådløs mus"),
        "touchpad": ("touchpad", "touchpaden", "pegeplade", "pegepladen", "styreplade"),
        "storage": ("harddisk", "harddisken", "ssd", "ssd'en", "disk", "disken", "lagring"),
        "memory": ("hukommelse", "hukommelsen", "arbejdshukommelse", "ram", "ram'en"),
        "motherboard": ("bundkort", "bundkortet", "motherboard"),
        "fan": ("blæser", "blæseren", "ventilator", "ventilatoren"),
        "audio": (
            "ingen lyd",
            "lyden",
            "højttaler",
            "højttaleren",
            "højttalere",
            "højtaler",
            "mikrofon",
            "mikrofonen",
        ),
        "camera": ("kamera", "kameraet", "webcam", "webkamera"),
        "network": ("wifi", "netværk", "netværket", "trådløs", "trådløst", "bluetooth"),
        "docking_station": (
            "dock",
            "docken",
            "dockingstation",
            "dockingstationen",
            "docking station",
        ),
        "pen": ("pen", "pennen", "stylus"),
        "printer": ("printer", "printeren", "printere", "plotter", "plotteren", "printhoved"),
        "software": (
            "software",
            "softwaren",
            "driver",
            "drivere",
            "styresystem",
            "styresystemet",
            "windows",
        ),
    },
    "fr": {
        "power": (
            "ne s'allume pas",
            "ne s'allume plus",
            "s'allume pas",
            "ne démarre pas",
            "ne démarre plus",
            "démarre pas",
            "pas d'alimentation",
            "bouton d'alimentation",
            "alimentation",
        ),
        "battery": ("batterie", "batteries", "accu"),
        "ac_adapter": (
            "chargeur",
            "chargeurs",
            "adaptateur",
            "adaptateur secteur",
            "bloc d'alimentation",
            "câble d'alimentation",
            "cordon d'alimentation",
            "câble de charge",
        ),
        "display": ("écran", "écrans", "affichage", "dalle", "écran tactile"),
        "external_monitor": (
            "moniteur",
            "moniteur externe",
            "écran externe",
            "deuxième écran",
            "second écran",
            "écran secondaire",
            "écran supplémentaire",
        ),
        "keyboard": ("clavier", "claviers", "touches", "touche", "barre d'espace"),
        "mouse": ("souris", "souris sans fil"),
        "touchpad": ("pavé tactile", "touchpad"),
        "storage": ("disque dur", "disques durs", "disque", "disques", "ssd", "stockage"),
        "memory": ("mémoire", "mémoire vive", "ram", "barrette de mémoire"),
        "motherboard": ("carte mère", "carte-mère", "carte système"),
        "fan": ("ventilateur", "ventilateurs", "ventilo"),
        "audio": (
            "audio",
            "haut-parleur",
            "haut-parleurs",
            "pas de son",
            "aucun son",
            "le son",
            "du son",
            "microphone",
            "micro",
        ),
        "camera": ("caméra", "webcam"),
        "network": ("wifi", "wi-fi", "réseau", "sans fil", "bluetooth", "ethernet"),
        "docking_station": ("station d'accueil", "dock", "réplicateur de ports"),
        "pen": ("stylet", "stylo"),
        "printer": (
            "imprimante",
            "imprimantes",
            "traceur",
            "bourrage papier",
            "bourrage",
            "tête d'impression",
        ),
        "software": (
            "logiciel",
            "logiciels",
            "pilote",
            "pilotes",
            "système d'exploitation",
            "windows",
        ),
    },
    "de": {
        "power": (
            "startet nicht",
            "startet nicht mehr",
            "geht nicht an",
            "geht nicht mehr an",
            "lässt sich nicht einschalten",
            "lässt sich nicht mehr einschalten",
            "schaltet sich nicht ein",
            "fährt nicht hoch",
            "kein strom",
            "einschaltknopf",
            "netzschalter",
            "ein/aus-schalter",
        ),
        "battery": ("akku", "akkus", "batterie", "batterien"),
        "ac_adapter": (
            "netzteil",
            "netzteile",
            "ladegerät",
            "ladekabel",
            "stromkabel",
            "netzkabel",
            "adapter",
            "netzadapter",
        ),
        "display": ("bildschirm", "bildschirme", "display", "lcd", "touchscreen"),
        "external_monitor": (
            "monitor",
            "externer monitor",
            "externen monitor",
            "externe monitor",
            "externer bildschirm",
            "externen bildschirm",
            "zweiter bildschirm",
            "zweiten bildschirm",
            "zweitbildschirm",
            "zweiter monitor",
            "zweiten monitor",
            "zweitmonitor",
        ),
        "keyboard": ("tastatur", "tasten", "taste", "leertaste", "tastaturbeleuchtung"),
        "mouse": ("maus", "funkmaus", "kabellose maus"),
        "touchpad": ("touchpad", "trackpad"),
        "storage": ("festplatte", "festplatten", "ssd", "laufwerk", "laufwerke", "speicherplatz"),
        "memory": ("arbeitsspeicher", "ram", "speicherriegel", "ram-riegel"),
        "motherboard": ("mainboard", "hauptplatine", "motherboard", "systemplatine"),
        "fan": ("lüfter", "ventilator"),
        "audio": (
            "audio",
            "kein sound",
            "lautsprecher",
            "mikrofon",
            "kein ton",
            "keinen ton",
            "der ton",
            "den ton",
        ),
        "camera": ("kamera", "webcam"),
        "network": ("wlan", "wifi", "netzwerk", "netzwerkanschluss", "bluetooth"),
        "docking_station": ("dockingstation", "docking station", "dock"),
        "pen": ("stift", "eingabestift", "stylus"),
        "printer": ("drucker", "druckers", "plotter", "papierstau", "druckkopf"),
        "software": (
            "software",
            "treiber",
            "betriebssystem",
            "windows",
            "bios-update",
            "firmware-update",
        ),
    },
    "zh": {
        "power": (
            "开不了机",
            "无法开机",
            "不能开机",
            "不开机",
            "开不开机",
            "开机没反应",
            "启动不了",
            "无法启动",
            "不能启动",
            "电源键",
            "电源按钮",
            "开机键",
            "电源",
        ),
        "battery": ("电池",),
        "ac_adapter": ("充电器", "电源适配器", "适配器", "电源线", "充电线"),
        "display": ("屏幕", "显示器", "显示屏", "屏", "液晶屏", "触摸屏"),
        "external_monitor": (
            "外接显示器",
            "外部显示器",
            "外接屏幕",
            "外接屏",
            "第二个屏幕",
            "第二屏幕",
            "副屏",
            "扩展屏",
        ),
        "keyboard": ("键盘", "按键", "空格键", "回车键", "键盘背光"),
        "mouse": ("鼠标", "无线鼠标"),
        "touchpad": ("触摸板", "触控板"),
        "storage": ("硬盘", "固态硬盘", "机械硬盘", "存储"),
        "memory": ("内存", "内存条"),
        "motherboard": ("主板",),
        "fan": ("风扇",),
        "audio": (
            "没有声音",
            "没声音",
            "无声音",
            "声卡",
            "扬声器",
            "喇叭",
            "音频",
            "麦克风",
            "耳机孔",
        ),
        "camera": ("摄像头", "网络摄像头", "相机"),
        "network": ("网络", "无线网", "无线网络", "网卡", "蓝牙"),
        "docking_station": ("扩展坞", "拓展坞", "坞站", "底座"),
        "pen": ("手写笔", "触控笔"),
        "printer": ("打印机", "绘图仪", "卡纸", "打印头", "喷头"),
        "software": ("软件", "驱动", "驱动程序", "操作系统"),
    },
}

# Phrases that contain a component word but name no component ("blue screen" is a
# crash, not the display). They win over the shorter synonym and produce nothing.
COMPONENT_BLOCKERS: tuple[str, ...] = (
    "sound like",
    "sounds like",
    "sounded like",
    "sounds good",
    "blue screen",
    "bluescreen",
    "print screen",
    "screen saver",
    "power bank",
    "powerbank",
    "blauw scherm",
    "blauwe scherm",
    "blå skærm",
    "écran bleu",
    "blauer bildschirm",
    "蓝屏",
    "笔记本",
    "系统",
)

# Adjective forms of language names that `careline.languages` does not know,
# as in "is er een Duitse versie", "la version française", "die deutsche Version".
LANGUAGE_ADJECTIVES: dict[str, tuple[str, ...]] = {
    "en": ("Engelse", "anglaise", "englische", "englischen", "engelske"),
    "nl": (
        "Nederlandse",
        "Hollandse",
        "néerlandaise",
        "niederländische",
        "niederländischen",
        "nederlandske",
        "hollandske",
    ),
    "da": ("Deense", "danoise", "dänische", "dänischen", "danske"),
    "fr": ("Franse", "française", "französische", "französischen", "franske"),
    "de": ("Duitse", "allemande", "deutsche", "deutschen", "tyske"),
    "zh": ("chinoise", "chinesische", "chinesischen", "kinesiske"),
}

# Where a national phone number ("06 5555 0123") is most likely from, by message
# language, when the message names no country. English is left out: its speakers
# are spread over too many numbering plans (GB, IE, US...).
LANGUAGE_REGIONS: dict[str, str] = {"nl": "NL", "da": "DK", "de": "DE", "fr": "FR", "zh": "CN"}

# Words near a number that say it is a phone number (any of the six languages).
PHONE_CUES: tuple[str, ...] = (
    "phone",
    "telephone",
    "call",
    "call me",
    "ring",
    "tel",
    "mobile",
    "cell",
    "number",
    "bel",
    "bellen",
    "telefoon",
    "telefoonnummer",
    "mobiel",
    "nummer",
    "terugbellen",
    "ringe",
    "ring til",
    "telefon",
    "telefonnummer",
    "mobil",
    "mobilnummer",
    "appeler",
    "appelez",
    "rappeler",
    "téléphone",
    "portable",
    "numéro",
    "anrufen",
    "rückruf",
    "handy",
    "handynummer",
    "电话",
    "手机",
    "号码",
    "打给我",
    "联系",
)

# Words before a code that say it is a product number.
PRODUCT_CUES: tuple[str, ...] = (
    "product number",
    "product no",
    "product",
    "p/n",
    "pn",
    "sku",
    "part number",
    "productnummer",
    "produktnummer",
    "produktnr",
    "productnr",
    "product nr",
    "numéro de produit",
    "référence",
    "produit",
    "产品编号",
    "产品号",
    "产品型号",
)

# Words before a number that say it is a PIN ("pin 482 913").
PIN_CUES: tuple[str, ...] = ("pin", "pincode", "pin-code", "pin code", "pinkode", "pin码", "密码")

# Words near a 6-digit number that say it is something else than a PIN.
NOT_PIN_CUES: tuple[str, ...] = (
    "order",
    "invoice",
    "postcode",
    "postal",
    "zip",
    "bestelling",
    "bestelnummer",
    "factuur",
    "ordre",
    "faktura",
    "postnummer",
    "commande",
    "facture",
    "code postal",
    "bestellung",
    "rechnung",
    "plz",
    "postleitzahl",
    "邮编",
    "邮政编码",
    "订单",
    "发票",
)

# Short words that are never the first or last group of a serial number written
# in groups ("is 5cg 3201 a" is not a serial; "5cg 3201 abc" is).
SERIAL_EDGE_STOPWORDS: frozenset[str] = frozenset(
    {
        # en
        "a", "i", "is", "my", "the", "it", "at", "in", "on", "of", "to", "and", "no", "sn",
        # nl
        "ik", "en", "de", "het", "op", "bij", "van", "een", "nr",
        # da
        "er", "og", "min", "mit", "på", "til", "jeg",
        # fr
        "et", "le", "la", "un", "je", "mon", "ma", "est",
        # de
        "es", "an", "am", "im", "um", "zu", "da", "du", "ist", "der", "die", "das", "den",
    }
)  # fmt: skip

# Words after which an upper-case two-letter token is taken as a country code
# ("I'm in NL", "aus DE", "i DK"); anywhere else "ID", "IT", "GB" or "NO" are far
# more often words or units ("failure ID", "16 GB") than countries.
COUNTRY_CODE_CONTEXT: frozenset[str] = frozenset(
    {
        "in", "from", "to", "the", "country", "uit", "naar", "land", "i", "fra", "til",
        "en", "au", "aux", "de", "du", "pays", "aus", "nach", "im", "inside", "within",
        "live", "located", "based", "woon", "bor", "wohne", "habite", "在", "来自",
    }
)  # fmt: skip

# Upper-case codes that are abbreviations far more often than countries, even after
# a preposition ("I work in IT", "in HR", "in PR").
COUNTRY_CODE_DENY: frozenset[str] = frozenset(
    {"IT", "HR", "ID", "TV", "AI", "PR", "PM", "AM", "CV", "PS", "BT", "SD", "CD"}
)

# Country names that are also everyday words or first names: taken only when
# written with a capital ("Turkey" yes, "turkey" no).
COUNTRY_LOWERCASE_AMBIGUOUS: frozenset[str] = frozenset(
    {"chad", "jordan", "turkey", "china", "jersey", "guernsey", "chili", "georgia", "guinea"}
)

# Words that may stand before or after a country or language name without being
# part of it: never the first or last word of a matched name.
NAME_FILLERS: frozenset[str] = frozenset(
    {
        "the", "in", "from", "to", "on", "please", "language",
        "de", "het", "uit", "naar", "te", "op", "taal",
        "den", "det", "i", "fra", "til", "pa", "sprog",
        "le", "la", "les", "l", "au", "aux", "en", "du", "des", "d", "langue",
        "die", "der", "dem", "das", "im", "aus", "nach", "auf", "sprache",
        "在", "住在", "来自", "來自", "用", "说", "說", "讲", "講",
    }
)  # fmt: skip
