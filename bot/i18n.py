"""User-facing strings of the Telegram bot in English, Ukrainian and Russian.

`language_for` picks the user's language from Telegram's `language_code` (English otherwise);
`t` looks a string up and fills in its placeholders. Strings are plain text: the renderer escapes
them for HTML.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "uk", "ru")
DEFAULT_LANGUAGE = "en"

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "start": (
            "Hi! Forward me a post from a channel or a chat, or send me a link or a text, and I "
            "will reply with where it comes from and which stored sources corroborate or "
            "contradict it, with dates and links.\n\nSend /help for more."
        ),
        "help": (
            "What I do: I look a post up in the sources I store and reply with who said it "
            "first, who corroborates it, who contradicts it and what else is related, each "
            "with the outlet, who claims it, the date and a link, in time order.\n\n"
            "How to use me:\n"
            "• forward a post (from a channel, a group or a person), or\n"
            "• send a link or paste a text, or\n"
            "• reply /check to any message, or send /check <text>,\n"
            "• /status <topic> shows the latest reports on a topic.\n\n"
            "Example: forward a post saying \"Russian forces took full control of "
            "Lysychansk\", or send\n/status Lysychansk\n\n"
            "When nothing matches well I say \"Not enough evidence\" rather than list "
            "unrelated sources."
        ),
        "checking": "Checking…",
        "not_enough_evidence": (
            "Not enough evidence: no stored source matches this closely enough."
        ),
        "checked": "Checked",
        "status_title": "Status: {topic}",
        "from": "From",
        "posted": "posted {date}",
        "first_seen": "First seen",
        "copied_by": "copied later by",
        "corroborates": "Corroborating",
        "contradicts": "Contradicting",
        "related": "Related",
        "latest": "Latest first",
        "latest_mark": "latest",
        "claims_in_post": "Claims in this post",
        "post_itself": "The post itself",
        "part_no_match": "No stored source matches this claim closely enough.",
        "relation_corroborates": "corroborates",
        "relation_contradicts": "contradicts",
        "more": "More",
        "more_title": "More matches ({page} of {pages})",
        "more_expired": "This list is no longer available.",
        "unknown_source": "unknown source",
        "undated": "undated",
        "hidden_user": "{name} (hidden account)",
        "note_link_not_fetched": (
            "The link was not fetched (link fetching is not available), so I checked the text "
            "of your message."
        ),
        "note_link_failed": "The link could not be fetched: {reason}",
        "note_no_text": "The message has no text to check.",
        "status_usage": "Send /status <topic>, for example: /status Lysychansk",
        "check_usage": (
            "Reply /check to a message to check it, or send /check <text>."
        ),
        "apology": "Sorry, that check failed. Please try again in a minute.",
        "cmd_start": "What this bot does",
        "cmd_help": "How to use it, with an example",
        "cmd_check": "Check the message you reply to (or /check <text>)",
        "cmd_status": "Latest reports on a topic: /status <topic>",
        "state_of_play": "State of play",
        "who_claims": "Who claims what",
        "status_not_found": "No stored claims about {topic} yet.",
        "chart_caption": "Claims about {topic} by side over time",
        "side_RU": "Russia and its proxies",
        "side_UA": "Ukraine",
        "side_independent": "Independent",
        "side_unknown": "Unattributed",
        "state_contested": "Contested",
        "state_settled": "Settled: both sides now agree",
        "state_one-sided": "Only one side has spoken",
        "state_unknown": "No claims about control",
        "stance_captured": "says captured",
        "stance_withdrawal": "confirms withdrawal",
        "stance_held": "says still held",
        "stance_contested": "says still contested",
        "stance_encircled": "says encircled",
        "stance_not_encircled": "says not encircled",
        "stance_other": "reports",
        "more_claims": "…and {count} earlier claims",
        "follow": "Follow",
        "unfollow": "Unfollow",
        "followed": "Following: you will get an update when sources corroborate or contradict this.",
        "unfollowed": "Unfollowed.",
        "follow_expired": "This check is no longer available.",
        "follow_update": "Update on a check you follow: {query}",
        "group_context": "Context for this post: stored sources dispute it.",
        "group_debunked": "Context for this post: fact-checkers have rated a matching claim false.",
        "settings_admins_only": "Only the group's admins can change these settings.",
        "settings_saved": "Settings saved.",
        "settings_usage": "Group helper settings: {current}\nChange with: /settings on|off, /settings sensitivity low|normal|high, /settings languages en,uk,ru, /settings quiet 23-07 (UTC, or 'off'), /settings mode reply|react, /settings limit 3 (per hour)",
        "settings_private": "/settings works in groups, for the group's admins.",
        "cmd_settings": "Group helper settings (admins)",
    },
    "uk": {
        "start": (
            "Вітаю! Перешліть мені допис із каналу чи чату або надішліть посилання чи текст, і "
            "я відповім, звідки він походить і які збережені джерела його підтверджують або "
            "спростовують, з датами й посиланнями.\n\nНадішліть /help, щоб дізнатися більше."
        ),
        "help": (
            "Що я роблю: шукаю допис у джерелах, які зберігаю, і відповідаю, хто сказав це "
            "першим, хто підтверджує, хто спростовує і що ще пов'язане, для кожного: видання, "
            "хто це стверджує, дата й посилання, за часом.\n\n"
            "Як користуватися:\n"
            "• перешліть допис (з каналу, групи чи від людини), або\n"
            "• надішліть посилання чи вставте текст, або\n"
            "• відповідайте /check на будь-яке повідомлення чи надішліть /check <текст>,\n"
            "• /status <тема> показує останні повідомлення на тему.\n\n"
            "Приклад: перешліть допис «Російські війська взяли під повний контроль "
            "Лисичанськ» або надішліть\n/status Лисичанськ\n\n"
            "Коли нічого добре не збігається, я пишу «Недостатньо доказів», а не список "
            "непов'язаних джерел."
        ),
        "checking": "Перевіряю…",
        "not_enough_evidence": (
            "Недостатньо доказів: жодне збережене джерело не збігається достатньо близько."
        ),
        "checked": "Перевірено",
        "status_title": "Стан: {topic}",
        "from": "Звідки",
        "posted": "опубліковано {date}",
        "first_seen": "Уперше з'явилося",
        "copied_by": "згодом скопіювали",
        "corroborates": "Підтверджують",
        "contradicts": "Спростовують",
        "related": "Пов'язане",
        "latest": "Спочатку найновіше",
        "latest_mark": "найновіше",
        "claims_in_post": "Твердження в цьому дописі",
        "post_itself": "Сам допис",
        "part_no_match": "Жодне збережене джерело не збігається з цим твердженням достатньо близько.",
        "relation_corroborates": "підтверджує",
        "relation_contradicts": "спростовує",
        "more": "Ще",
        "more_title": "Ще збіги ({page} з {pages})",
        "more_expired": "Цей список уже недоступний.",
        "unknown_source": "невідоме джерело",
        "undated": "без дати",
        "hidden_user": "{name} (прихований акаунт)",
        "note_link_not_fetched": (
            "Посилання не завантажено (завантаження посилань недоступне), тому я перевірив "
            "текст вашого повідомлення."
        ),
        "note_link_failed": "Не вдалося завантажити посилання: {reason}",
        "note_no_text": "У повідомленні немає тексту для перевірки.",
        "status_usage": "Надішліть /status <тема>, наприклад: /status Лисичанськ",
        "check_usage": (
            "Відповідайте /check на повідомлення, щоб перевірити його, або надішліть "
            "/check <текст>."
        ),
        "apology": "Вибачте, перевірка не вдалася. Спробуйте ще раз за хвилину.",
        "cmd_start": "Що робить цей бот",
        "cmd_help": "Як ним користуватися, з прикладом",
        "cmd_check": "Перевірити повідомлення, на яке ви відповідаєте (або /check <текст>)",
        "cmd_status": "Останні повідомлення на тему: /status <тема>",
        "state_of_play": "Стан справ",
        "who_claims": "Хто що стверджує",
        "status_not_found": "Про {topic} ще немає збережених повідомлень.",
        "chart_caption": "Повідомлення про {topic} за сторонами в часі",
        "side_RU": "Росія та її маріонетки",
        "side_UA": "Україна",
        "side_independent": "Незалежні",
        "side_unknown": "Без атрибуції",
        "state_contested": "Суперечливо",
        "state_settled": "Усталено: обидві сторони погоджуються",
        "state_one-sided": "Висловилася лише одна сторона",
        "state_unknown": "Немає заяв про контроль",
        "stance_captured": "каже, що захоплено",
        "stance_withdrawal": "підтверджує відхід",
        "stance_held": "каже, що утримується",
        "stance_contested": "каже, що бої тривають",
        "stance_encircled": "каже, що оточено",
        "stance_not_encircled": "каже, що не оточено",
        "stance_other": "повідомляє",
        "more_claims": "…і ще {count} раніших повідомлень",
        "follow": "Стежити",
        "unfollow": "Не стежити",
        "followed": "Стежу: ви отримаєте оновлення, коли джерела це підтвердять чи спростують.",
        "unfollowed": "Більше не стежу.",
        "follow_expired": "Ця перевірка вже недоступна.",
        "follow_update": "Оновлення перевірки, за якою ви стежите: {query}",
        "group_context": "Контекст до цього допису: збережені джерела це заперечують.",
        "group_debunked": "Контекст до цього допису: фактчекери визнали схоже твердження неправдивим.",
        "settings_admins_only": "Змінювати ці налаштування можуть лише адміністратори групи.",
        "settings_saved": "Налаштування збережено.",
        "settings_usage": "Налаштування помічника групи: {current}\nЗмінити: /settings on|off, /settings sensitivity low|normal|high, /settings languages en,uk,ru, /settings quiet 23-07 (UTC або 'off'), /settings mode reply|react, /settings limit 3 (на годину)",
        "settings_private": "/settings працює в групах, для адміністраторів групи.",
        "cmd_settings": "Налаштування помічника групи (адміни)",
    },
    "ru": {
        "start": (
            "Здравствуйте! Перешлите мне пост из канала или чата или пришлите ссылку или текст, "
            "и я отвечу, откуда он и какие сохранённые источники его подтверждают или "
            "опровергают, с датами и ссылками.\n\nОтправьте /help, чтобы узнать больше."
        ),
        "help": (
            "Что я делаю: ищу пост в источниках, которые храню, и отвечаю, кто сказал это "
            "первым, кто подтверждает, кто опровергает и что ещё связано, для каждого: издание, "
            "кто это утверждает, дата и ссылка, по времени.\n\n"
            "Как пользоваться:\n"
            "• перешлите пост (из канала, группы или от человека), или\n"
            "• пришлите ссылку или вставьте текст, или\n"
            "• ответьте /check на любое сообщение или отправьте /check <текст>,\n"
            "• /status <тема> показывает последние сообщения по теме.\n\n"
            "Пример: перешлите пост «Российские войска взяли под полный контроль "
            "Лисичанск» или отправьте\n/status Лисичанск\n\n"
            "Когда ничего хорошо не совпадает, я пишу «Недостаточно данных», а не список "
            "несвязанных источников."
        ),
        "checking": "Проверяю…",
        "not_enough_evidence": (
            "Недостаточно данных: ни один сохранённый источник не совпадает достаточно близко."
        ),
        "checked": "Проверено",
        "status_title": "Обстановка: {topic}",
        "from": "Откуда",
        "posted": "опубликовано {date}",
        "first_seen": "Впервые появилось",
        "copied_by": "позже скопировали",
        "corroborates": "Подтверждают",
        "contradicts": "Опровергают",
        "related": "Связанное",
        "latest": "Сначала новое",
        "latest_mark": "самое новое",
        "claims_in_post": "Утверждения в этом посте",
        "post_itself": "Сам пост",
        "part_no_match": "Ни один сохранённый источник не совпадает с этим утверждением достаточно близко.",
        "relation_corroborates": "подтверждает",
        "relation_contradicts": "опровергает",
        "more": "Ещё",
        "more_title": "Ещё совпадения ({page} из {pages})",
        "more_expired": "Этот список больше недоступен.",
        "unknown_source": "неизвестный источник",
        "undated": "без даты",
        "hidden_user": "{name} (скрытый аккаунт)",
        "note_link_not_fetched": (
            "Ссылка не загружена (загрузка ссылок недоступна), поэтому я проверил текст "
            "вашего сообщения."
        ),
        "note_link_failed": "Не удалось загрузить ссылку: {reason}",
        "note_no_text": "В сообщении нет текста для проверки.",
        "status_usage": "Отправьте /status <тема>, например: /status Лисичанск",
        "check_usage": (
            "Ответьте /check на сообщение, чтобы проверить его, или отправьте /check <текст>."
        ),
        "apology": "Извините, проверка не удалась. Попробуйте ещё раз через минуту.",
        "cmd_start": "Что делает этот бот",
        "cmd_help": "Как им пользоваться, с примером",
        "cmd_check": "Проверить сообщение, на которое вы отвечаете (или /check <текст>)",
        "cmd_status": "Последние сообщения по теме: /status <тема>",
        "state_of_play": "Положение дел",
        "who_claims": "Кто что утверждает",
        "status_not_found": "О {topic} пока нет сохранённых сообщений.",
        "chart_caption": "Сообщения о {topic} по сторонам во времени",
        "side_RU": "Россия и её ставленники",
        "side_UA": "Украина",
        "side_independent": "Независимые",
        "side_unknown": "Без атрибуции",
        "state_contested": "Спорно",
        "state_settled": "Устоялось: обе стороны согласны",
        "state_one-sided": "Высказалась только одна сторона",
        "state_unknown": "Нет заявлений о контроле",
        "stance_captured": "говорит, что взят",
        "stance_withdrawal": "подтверждает отход",
        "stance_held": "говорит, что удерживается",
        "stance_contested": "говорит, что бои идут",
        "stance_encircled": "говорит, что окружён",
        "stance_not_encircled": "говорит, что не окружён",
        "stance_other": "сообщает",
        "more_claims": "…и ещё {count} более ранних сообщений",
        "follow": "Следить",
        "unfollow": "Не следить",
        "followed": "Слежу: вы получите обновление, когда источники это подтвердят или опровергнут.",
        "unfollowed": "Больше не слежу.",
        "follow_expired": "Эта проверка больше недоступна.",
        "follow_update": "Обновление проверки, за которой вы следите: {query}",
        "group_context": "Контекст к этому посту: сохранённые источники его оспаривают.",
        "group_debunked": "Контекст к этому посту: фактчекеры признали похожее утверждение ложным.",
        "settings_admins_only": "Менять эти настройки могут только администраторы группы.",
        "settings_saved": "Настройки сохранены.",
        "settings_usage": "Настройки помощника группы: {current}\nИзменить: /settings on|off, /settings sensitivity low|normal|high, /settings languages en,uk,ru, /settings quiet 23-07 (UTC или 'off'), /settings mode reply|react, /settings limit 3 (в час)",
        "settings_private": "/settings работает в группах, для администраторов группы.",
        "cmd_settings": "Настройки помощника группы (админы)",
    },
}

# Report notes are stored in English (report.notes); these keys show them translated.
NOTE_KEYS: tuple[str, ...] = ("note_no_text", "note_link_not_fetched", "note_link_failed")


def language_for(language_code: str | None) -> str:
    """Our language for a Telegram `language_code` ("uk", "ru-RU", ...): en, uk or ru."""
    if not language_code:
        return DEFAULT_LANGUAGE
    base = language_code.replace("_", "-").split("-", 1)[0].lower()
    return base if base in STRINGS else DEFAULT_LANGUAGE


def t(language: str, key: str, **values: object) -> str:
    """The string `key` in `language` (English when missing), with `values` filled in."""
    table = STRINGS.get(language, STRINGS[DEFAULT_LANGUAGE])
    text = table.get(key) or STRINGS[DEFAULT_LANGUAGE][key]
    return text.format(**values) if values else text


def note(key: str, **values: object) -> str:
    """A report note in English, as stored in `Report.notes`."""
    return t(DEFAULT_LANGUAGE, key, **values)


def translate_note(language: str, text: str) -> str:
    """A stored English report note in `language` when it is one we know, as written otherwise."""
    english = STRINGS[DEFAULT_LANGUAGE]
    for key in NOTE_KEYS:
        template = english[key]
        if "{reason}" in template:
            prefix = template.split("{reason}", 1)[0]
            if text.startswith(prefix):
                return t(language, key, reason=text[len(prefix):])
        elif text == template:
            return t(language, key)
    return text
