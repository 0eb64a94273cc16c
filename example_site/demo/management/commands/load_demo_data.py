"""Fill the example site with realistic Russian demo content.

Safe to run again: everything is looked up by slug or name first, so a second
run adds nothing, and content an editor has changed since is left alone.
"""

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from caseclub_wagtail.models import (
    EventIndexPage,
    EventOccurrenceChange,
    EventPage,
    Member,
    MemberDirectoryPage,
    MemberReward,
    Topic,
)
from example_site.demo.cases import (
    ensure_case_index,
    ensure_cases,
    ensure_documents,
    link_events,
)
from example_site.home.models import HomePage

SITE_URL = "http://127.0.0.1:8000/"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "caseclub"  # noqa: S105  (a published demo login, not a secret)

CENTRE = "Ресурсный центр комплексной поддержки СО НКО в сфере ЖКХ Волгоградской области"


# Home page

HOME_TITLE = "Кейс-клуб ЖКХ"
HOME_SEARCH_DESCRIPTION = (
    "Кейс-клуб Ресурсного центра поддержки СО НКО в сфере ЖКХ Волгоградской области: "
    "разбираем реальные жилищно-коммунальные проблемы вместе с инспекторами и экспертами."
)
HOME_INTRO = (
    "<p>Кейс-клуб — добровольное объединение при Ресурсном центре комплексной поддержки "
    "СО НКО в сфере ЖКХ Волгоградской области. Мы учимся решать практические задачи "
    "(кейсы) в сфере жилищно-коммунального хозяйства: от протекающей крыши и неверных "
    "начислений за отопление до выбора способа управления домом.</p>"
)
HOME_BODY = (
    "<h2>Как мы работаем с кейсами</h2>"
    "<p>Кейс — это конкретная ситуация, о которой нам сообщают жители в своих обращениях. "
    "Вместе с общественными жилищными инспекторами и экспертами-добровольцами мы:</p>"
    "<ul>"
    "<li>выявляем проблему по фактам обращений;</li>"
    "<li>моделируем сценарии развития ситуации;</li>"
    "<li>формируем обоснованные варианты решения со ссылками на законодательство;</li>"
    "<li>делимся успешными практиками, образцами документов и контактами;</li>"
    "<li>следим за результатом и разбираем, чему нас научил случай.</li>"
    "</ul>"
    "<h2>Формы работы</h2>"
    "<p>Заседания клуба, мастер-классы, стажировки и другие мероприятия проходят "
    "в коворкинг-пространстве Ресурсного центра в Волгограде и выездом в районы области.</p>"
    "<h2>Кто может участвовать</h2>"
    "<p>Общественные организации и ассоциации, советы многоквартирных домов, ТСЖ и ТСН, "
    "собственники помещений и другие граждане, наставники проекта, общественные жилищные "
    "инспекторы и эксперты-добровольцы.</p>"
    "<h2>Как вступить</h2>"
    "<p>Членство в клубе добровольное. Новый член принимается путём внесения в реестр "
    "членов Кейс-клуба. Член клуба участвует во всех мероприятиях, получает информацию "
    "о работе клуба, вносит предложения по её улучшению и может быть поощрён "
    "за активное участие.</p>"
)


# Member directory page

DIRECTORY_TITLE = "Члены клуба"
DIRECTORY_SLUG = "members"
DIRECTORY_SEARCH_DESCRIPTION = (
    "Организации и люди из реестра членов Кейс-клуба, согласившиеся на публикацию профиля."
)
DIRECTORY_INTRO = (
    "<p>Здесь представлены действующие члены Кейс-клуба: общественные организации, "
    "советы домов, ТСЖ, собственники, наставники, жилищные инспекторы и эксперты. "
    "Профиль публикуется только с согласия члена клуба; контактные данные на сайте "
    "не публикуются.</p>"
)


# Topics: (slug, name, description)

TOPICS = [
    (
        "capital-repairs",
        "Капитальный ремонт",
        "Региональная программа капремонта, взносы, спецсчёт и приёмка работ в доме.",
    ),
    (
        "management-companies",
        "Управляющие компании",
        "Выбор и смена управляющей организации, договор управления и отчёты перед жильцами.",
    ),
    (
        "utility-charges",
        "Плата за коммунальные услуги и тарифы",
        "Проверка квитанций, перерасчёты, нормативы потребления и тарифы на коммунальные услуги.",
    ),
    (
        "heating",
        "Отопление",
        "Качество отопления, начисления по общедомовому прибору учёта и подготовка к сезону.",
    ),
    (
        "water-supply",
        "Водоснабжение и водоотведение",
        "Давление и температура воды, аварии на сетях, канализация и счётчики воды.",
    ),
    (
        "waste-collection",
        "Вывоз ТКО",
        "Работа регионального оператора, контейнерные площадки и плата за обращение с ТКО.",
    ),
    (
        "common-property",
        "Содержание общего имущества",
        "Подвалы, кровли, подъезды, лифты и состав работ по содержанию общего имущества дома.",
    ),
    (
        "councils-and-hoa",
        "Советы МКД и ТСЖ",
        "Создание советов домов и ТСЖ, общие собрания собственников и работа председателя.",
    ),
    (
        "energy-saving",
        "Энергосбережение",
        "Энергоаудит, автоматизация тепловых пунктов и экономия ресурсов в многоквартирном доме.",
    ),
    (
        "yard-improvement",
        "Благоустройство дворов",
        "Участие в программе «Формирование комфортной городской среды» и уход за двором.",
    ),
    (
        "housing-inspection",
        "Общественный жилищный контроль",
        "Как общественные жилищные инспекторы проверяют дома и фиксируют нарушения.",
    ),
    (
        "owners-legal-literacy",
        "Правовая грамотность собственников",
        "Права и обязанности собственников по Жилищному кодексу и как их защищать.",
    ),
]


# Members. The chair heads the resource centre (3.2 of the regulation).
# Contact details are filled in on purpose: they must never appear on the site.

MEMBERS = [
    {
        "kind": "person",
        "name": "Кравцова Елена Викторовна",
        "organization": CENTRE,
        "municipality": "Волгоград",
        "category": "mentor",
        "role": "chair",
        "admitted_on": date(2018, 1, 22),
        "expertise": ["owners-legal-literacy", "councils-and-hoa", "housing-inspection"],
        "bio": (
            "<p>Руководитель Ресурсного центра, председатель Кейс-клуба. Более пятнадцати "
            "лет помогает жителям Волгоградской области создавать советы домов и ТСЖ.</p>"
        ),
        "website": "https://rc-zhkh34.example.org/",
        "public_profile": True,
        "email": "e.kravtsova@rc-zhkh34.example.org",
        "phone": "+7 (8442) 50-10-01",
    },
    {
        "kind": "person",
        "name": "Белов Андрей Николаевич",
        "organization": "Региональная общественная инспекция",
        "municipality": "Волгоград",
        "category": "housing_inspector",
        "role": "deputy_chair",
        "admitted_on": date(2018, 1, 22),
        "expertise": ["housing-inspection", "common-property", "heating"],
        "bio": (
            "<p>Общественный жилищный инспектор с 2015 года. Проводит обследования "
            "подвалов, кровель и инженерных систем, обучает новых инспекторов.</p>"
        ),
        "public_profile": True,
        "email": "a.belov@example.org",
        "phone": "+7 900 111-20-02",
        "rewards": [
            (
                date(2021, 12, 20),
                "Благодарственное письмо Ресурсного центра",
                "За организацию сезонных обследований домов Красноармейского района.",
            ),
        ],
    },
    {
        "kind": "person",
        "name": "Мельникова Ольга Сергеевна",
        "organization": "Коллегия адвокатов «Правовед»",
        "municipality": "Волжский",
        "category": "volunteer_expert",
        "role": "deputy_chair",
        "admitted_on": date(2018, 3, 15),
        "expertise": ["owners-legal-literacy", "management-companies", "utility-charges"],
        "bio": (
            "<p>Адвокат, специализируется на жилищных спорах. Консультирует собственников "
            "по перерасчётам и по спорам с управляющими компаниями.</p>"
        ),
        "public_profile": True,
        "email": "melnikova.os@example.org",
        "phone": "+7 902 222-30-03",
    },
    {
        "kind": "person",
        "name": "Гончаров Игорь Петрович",
        "organization": "",
        "municipality": "Волгоград",
        "category": "volunteer_expert",
        "admitted_on": date(2018, 5, 10),
        "expertise": ["heating", "energy-saving", "capital-repairs"],
        "bio": (
            "<p>Инженер-теплотехник, тридцать лет в теплоснабжении. Помогает разобраться "
            "с показаниями общедомовых приборов учёта и проектами автоматизации ИТП.</p>"
        ),
        "public_profile": True,
        "email": "goncharov.ip@example.org",
        "phone": "+7 903 333-40-04",
        "rewards": [
            (
                date(2019, 12, 18),
                "Почётная грамота Кейс-клуба",
                "За экспертизу проекта автоматизации теплового пункта в доме на ул. Землячки.",
            ),
            (
                date(2023, 12, 15),
                "Диплом «Эксперт года»",
                "За двенадцать консультаций по кейсам об отоплении за сезон.",
            ),
        ],
    },
    {
        "kind": "person",
        "name": "Савельева Наталья Ивановна",
        "municipality": "Волгоград",
        "category": "owner",
        "admitted_on": date(2019, 2, 14),
        "expertise": ["capital-repairs", "councils-and-hoa"],
        "bio": "<p>Собственник квартиры в Дзержинском районе, член совета дома.</p>",
        "public_profile": False,
        "email": "savelyeva.ni@example.org",
        "phone": "+7 904 444-50-05",
    },
    {
        "kind": "person",
        "name": "Тимофеев Павел Андреевич",
        "municipality": "Камышин",
        "category": "housing_inspector",
        "admitted_on": date(2019, 4, 3),
        "expertise": ["housing-inspection", "water-supply"],
        "bio": (
            "<p>Общественный жилищный инспектор Камышина. Ведёт мониторинг качества "
            "водоснабжения в домах старой постройки.</p>"
        ),
        "public_profile": True,
        "email": "timofeev.pa@example.org",
        "phone": "+7 905 555-60-06",
    },
    {
        "kind": "person",
        "name": "Лаптева Марина Юрьевна",
        "organization": CENTRE,
        "municipality": "Волгоград",
        "category": "mentor",
        "admitted_on": date(2018, 2, 1),
        "expertise": ["councils-and-hoa", "yard-improvement"],
        "bio": (
            "<p>Наставник проекта. Сопровождает советы домов при подготовке общих "
            "собраний и заявок на благоустройство дворов.</p>"
        ),
        "public_profile": True,
        "email": "m.lapteva@rc-zhkh34.example.org",
        "phone": "+7 (8442) 50-10-07",
        "rewards": [
            (
                date(2022, 6, 1),
                "Благодарность председателя Кейс-клуба",
                "За проведение цикла мастер-классов «Общее собрание без ошибок».",
            ),
        ],
    },
    {
        "kind": "person",
        "name": "Ефимов Сергей Владимирович",
        "municipality": "Михайловка",
        "category": "citizen",
        "admitted_on": date(2019, 9, 12),
        "status": "terminated",
        "terminated_on": date(2022, 3, 1),
        "termination_ground": "voluntary",
        "termination_note": "Заявление о выходе из клуба в связи с переездом в другой регион.",
        "expertise": ["waste-collection"],
        "public_profile": False,
        "email": "efimov.sv@example.org",
        "phone": "+7 906 666-70-08",
    },
    {
        "kind": "person",
        "name": "Зайцева Татьяна Геннадьевна",
        "municipality": "Волжский",
        "category": "owner",
        "admitted_on": date(2020, 2, 20),
        "expertise": ["utility-charges", "heating"],
        "bio": (
            "<p>Собственник квартиры, добилась перерасчёта платы за отопление для всего дома.</p>"
        ),
        "public_profile": False,
        "email": "zaytseva.tg@example.org",
        "phone": "+7 908 777-80-09",
    },
    {
        "kind": "person",
        "name": "Руденко Виктор Алексеевич",
        "municipality": "Урюпинск",
        "category": "housing_inspector",
        "admitted_on": date(2020, 6, 8),
        "expertise": ["housing-inspection", "common-property", "waste-collection"],
        "bio": (
            "<p>Общественный жилищный инспектор Урюпинска. Проверяет контейнерные площадки "
            "и содержание подъездов.</p>"
        ),
        "public_profile": True,
        "email": "rudenko.va@example.org",
        "phone": "+7 909 888-90-10",
    },
    {
        "kind": "person",
        "name": "Полякова Светлана Михайловна",
        "municipality": "Фролово",
        "category": "citizen",
        "admitted_on": date(2020, 9, 17),
        "status": "terminated",
        "terminated_on": date(2023, 4, 10),
        "termination_ground": "non_compliance",
        "termination_note": (
            "Решение председателя: более года не участвовала в деятельности клуба "
            "(п. 3.7 Положения)."
        ),
        "public_profile": False,
        "email": "polyakova.sm@example.org",
        "phone": "+7 910 999-00-11",
    },
    {
        "kind": "person",
        "name": "Абрамов Денис Олегович",
        "organization": "ООО «Сметное бюро»",
        "municipality": "Волгоград",
        "category": "volunteer_expert",
        "admitted_on": date(2021, 1, 28),
        "expertise": ["capital-repairs", "common-property"],
        "bio": (
            "<p>Инженер-сметчик. Проверяет сметы капитального ремонта и акты "
            "выполненных работ.</p>"
        ),
        "website": "https://smeta-buro.example.org/",
        "public_profile": True,
        "email": "abramov.do@example.org",
        "phone": "+7 911 100-11-12",
    },
    {
        "kind": "person",
        "name": "Кузнецова Галина Петровна",
        "municipality": "Калач-на-Дону",
        "category": "owner",
        "admitted_on": date(2021, 3, 4),
        "expertise": ["water-supply", "yard-improvement"],
        "bio": "<p>Председатель совета дома, добивается ремонта дворовых сетей водоотведения.</p>",
        "public_profile": True,
        "email": "kuznetsova.gp@example.org",
        "phone": "+7 912 200-22-13",
    },
    {
        "kind": "person",
        "name": "Шевченко Роман Игоревич",
        "municipality": "Среднеахтубинский район",
        "category": "citizen",
        "admitted_on": date(2021, 10, 21),
        "expertise": ["waste-collection", "energy-saving"],
        "public_profile": False,
        "email": "shevchenko.ri@example.org",
        "phone": "+7 913 300-33-14",
    },
    {
        "kind": "person",
        "name": "Орлова Ирина Васильевна",
        "organization": CENTRE,
        "municipality": "Волжский",
        "category": "mentor",
        "admitted_on": date(2018, 2, 1),
        "status": "terminated",
        "terminated_on": date(2024, 1, 31),
        "termination_ground": "voluntary",
        "termination_note": "Заявление о выходе в связи с окончанием работы в команде проекта.",
        "expertise": ["management-companies", "owners-legal-literacy"],
        "public_profile": True,
        "email": "i.orlova@example.org",
        "phone": "+7 914 400-44-15",
        "rewards": [
            (
                date(2020, 12, 18),
                "Благодарственное письмо Ресурсного центра",
                "За наставничество советов домов Волжского.",
            ),
        ],
    },
    {
        "kind": "person",
        "name": "Никитин Максим Евгеньевич",
        "municipality": "Волгоград",
        "category": "owner",
        "admitted_on": date(2022, 2, 10),
        "status": "terminated",
        "terminated_on": date(2023, 11, 2),
        "termination_ground": "non_compliance",
        "termination_note": (
            "Решение председателя: распространял от имени клуба сведения, не согласованные "
            "с клубом (п. 3.7 Положения)."
        ),
        "public_profile": False,
        "email": "nikitin.me@example.org",
        "phone": "+7 915 500-55-16",
    },
    {
        "kind": "person",
        "name": "Фёдорова Людмила Аркадьевна",
        "municipality": "Камышин",
        "category": "owner",
        "admitted_on": date(2022, 5, 19),
        "expertise": ["capital-repairs", "heating"],
        "bio": (
            "<p>Собственник квартиры, инициатор перехода дома на специальный счёт "
            "капитального ремонта.</p>"
        ),
        "public_profile": True,
        "email": "fedorova.la@example.org",
        "phone": "+7 916 600-66-17",
        "rewards": [
            (
                date(2023, 6, 9),
                "Благодарность председателя Кейс-клуба",
                "За кейс «Переход на спецсчёт капремонта»: материалы используют другие дома.",
            ),
        ],
    },
    {
        "kind": "person",
        "name": "Ковалёв Артём Сергеевич",
        "organization": "Волгоградский государственный технический университет",
        "municipality": "Волгоград",
        "category": "volunteer_expert",
        "admitted_on": date(2023, 9, 14),
        "expertise": ["energy-saving", "common-property"],
        "bio": "<p>Преподаватель кафедры энергоснабжения, проводит энергоаудит домов.</p>",
        "public_profile": True,
        "email": "kovalev.as@example.org",
        "phone": "+7 917 700-77-18",
    },
    {
        "kind": "organization",
        "name": "ТСЖ «Дзержинец»",
        "municipality": "Волгоград",
        "category": "hoa",
        "admitted_on": date(2018, 4, 12),
        "expertise": ["councils-and-hoa", "capital-repairs", "energy-saving"],
        "bio": (
            "<p>Товарищество собственников жилья дома на 120 квартир. Первым в районе "
            "установило автоматизированный тепловой пункт.</p>"
        ),
        "website": "https://tsj-dzerzhinets.example.org/",
        "public_profile": True,
        "email": "tsj.dzerzhinets@example.org",
        "phone": "+7 (8442) 60-20-19",
        "rewards": [
            (
                date(2020, 12, 18),
                "Диплом «Лучшее ТСЖ года»",
                "За энергосберегающий капитальный ремонт и открытую отчётность перед жильцами.",
            ),
        ],
    },
    {
        "kind": "organization",
        "name": "ТСН «Волжские зори»",
        "municipality": "Волжский",
        "category": "hoa",
        "admitted_on": date(2019, 11, 7),
        "expertise": ["councils-and-hoa", "yard-improvement"],
        "bio": "<p>Товарищество собственников недвижимости трёх домов в 23-м микрорайоне.</p>",
        "public_profile": True,
        "email": "tsn.zori@example.org",
        "phone": "+7 (8443) 20-30-20",
    },
    {
        "kind": "organization",
        "name": "ТСЖ «Содружество»",
        "municipality": "Фролово",
        "category": "hoa",
        "admitted_on": date(2019, 3, 21),
        "status": "terminated",
        "terminated_on": date(2021, 12, 27),
        "termination_ground": "non_compliance",
        "termination_note": (
            "Решение председателя: не участвовало в организационной деятельности клуба "
            "(п. 3.7 Положения)."
        ),
        "public_profile": False,
        "email": "tsj.sodruzhestvo@example.org",
        "phone": "+7 (84465) 2-40-21",
    },
    {
        "kind": "organization",
        "name": "Совет МКД ул. Рабоче-Крестьянская, 22",
        "municipality": "Волгоград",
        "category": "mkd_council",
        "admitted_on": date(2018, 6, 5),
        "expertise": ["common-property", "management-companies"],
        "bio": (
            "<p>Совет многоквартирного дома, добившийся от управляющей компании ремонта "
            "кровли и подвала по результатам общественного обследования.</p>"
        ),
        "public_profile": True,
        "email": "sovet.rk22@example.org",
        "phone": "+7 918 800-88-22",
        "rewards": [
            (
                date(2019, 12, 18),
                "Благодарственное письмо Ресурсного центра",
                "За кейс «Ремонт кровли силами управляющей компании».",
            ),
        ],
    },
    {
        "kind": "organization",
        "name": "Совет МКД пр. Ленина, 48",
        "municipality": "Волжский",
        "category": "mkd_council",
        "admitted_on": date(2020, 10, 15),
        "expertise": ["utility-charges", "water-supply"],
        "public_profile": True,
        "email": "sovet.lenina48@example.org",
        "phone": "+7 919 900-99-23",
    },
    {
        "kind": "organization",
        "name": "Совет МКД ул. Октябрьская, 9",
        "municipality": "Михайловка",
        "category": "mkd_council",
        "admitted_on": date(2022, 8, 25),
        "expertise": ["heating"],
        "public_profile": False,
        "email": "sovet.okt9@example.org",
        "phone": "+7 920 010-10-24",
    },
    {
        "kind": "organization",
        "name": "Волгоградская областная общественная организация «Жилищный контроль»",
        "municipality": "Волгоград",
        "category": "public_organization",
        "admitted_on": date(2018, 1, 22),
        "expertise": ["housing-inspection", "owners-legal-literacy", "management-companies"],
        "bio": (
            "<p>Объединяет общественных жилищных инспекторов региона, ведёт приём граждан "
            "и правовое просвещение собственников.</p>"
        ),
        "website": "https://zhilkontrol34.example.org/",
        "public_profile": True,
        "email": "info@zhilkontrol34.example.org",
        "phone": "+7 (8442) 70-30-25",
        "rewards": [
            (
                date(2022, 12, 16),
                "Почётная грамота Кейс-клуба",
                "За подготовку двадцати инспекторов для районов области.",
            ),
        ],
    },
    {
        "kind": "organization",
        "name": "Общественная организация «Союз собственников жилья г. Михайловки»",
        "municipality": "Михайловка",
        "category": "public_organization",
        "admitted_on": date(2020, 3, 12),
        "expertise": ["owners-legal-literacy", "waste-collection"],
        "public_profile": True,
        "email": "soyuz.mikhaylovka@example.org",
        "phone": "+7 (84463) 4-50-26",
    },
    {
        "kind": "organization",
        "name": "Ассоциация председателей советов МКД Волгоградской области",
        "municipality": "Волгоград",
        "category": "association",
        "admitted_on": date(2018, 9, 20),
        "expertise": ["councils-and-hoa", "capital-repairs"],
        "bio": (
            "<p>Объединяет более двухсот председателей советов многоквартирных домов, "
            "проводит школы председателей.</p>"
        ),
        "website": "https://predsedateli34.example.org/",
        "public_profile": True,
        "email": "info@predsedateli34.example.org",
        "phone": "+7 (8442) 80-40-27",
    },
    {
        "kind": "organization",
        "name": "Ассоциация ТСЖ и ЖСК г. Волжского",
        "municipality": "Волжский",
        "category": "association",
        "admitted_on": date(2019, 1, 24),
        "status": "terminated",
        "terminated_on": date(2024, 5, 20),
        "termination_ground": "voluntary",
        "termination_note": "Решение правления ассоциации о выходе из клуба.",
        "public_profile": True,
        "email": "assoc.volzhsky@example.org",
        "phone": "+7 (8443) 50-60-28",
    },
    {
        "kind": "organization",
        "name": "АНО «Центр правового просвещения «Открытый дом»",
        "municipality": "Волгоград",
        "category": "other_ngo",
        "admitted_on": date(2021, 4, 15),
        "expertise": ["owners-legal-literacy", "utility-charges"],
        "bio": (
            "<p>Бесплатные консультации для пенсионеров и многодетных семей по начислениям "
            "за жилищно-коммунальные услуги и льготам.</p>"
        ),
        "website": "https://otkrytyi-dom.example.org/",
        "public_profile": True,
        "email": "hello@otkrytyi-dom.example.org",
        "phone": "+7 (8442) 90-50-29",
    },
    {
        "kind": "organization",
        "name": "Благотворительный фонд «Тёплый дом»",
        "municipality": "Урюпинск",
        "category": "other_ngo",
        "admitted_on": date(2023, 2, 9),
        "expertise": ["energy-saving", "heating"],
        "bio": "<p>Помогает одиноким пожилым людям утеплять квартиры и менять окна.</p>",
        "public_profile": True,
        "email": "fond.teplyi@example.org",
        "phone": "+7 (84442) 3-60-30",
    },
]


# Events page

EVENTS_TITLE = "Мероприятия"
EVENTS_SLUG = "events"
EVENTS_SEARCH_DESCRIPTION = (
    "Заседания Кейс-клуба, мастер-классы и стажировки Ресурсного центра поддержки СО НКО "
    "в сфере ЖКХ Волгоградской области: расписание, календарь и отчёты."
)
EVENTS_INTRO = (
    "<p>Заседания клуба, мастер-классы, стажировки и другие мероприятия Кейс-клуба. "
    "Члены клуба могут участвовать во всех мероприятиях; открытые мероприятия доступны "
    "всем желающим. Подпишитесь на календарь, чтобы новые даты появлялись "
    "в вашем приложении календаря.</p>"
)


# Events. Their dates are counted from today, so the demo always has upcoming and past
# events; each is looked up by its slug, so a second run (even on another day) adds
# nothing. Times are wall-clock times in Volgograd.

EVENT_ZONE = ZoneInfo("Europe/Volgograd")
COWORKING = "Коворкинг-пространство Ресурсного центра"
COWORKING_ADDRESS = "Волгоград, ул. Козловская, 14, 2-й этаж"
ONLINE_ROOM = "https://meet.example.org/caseclub-zhkh34"

CHAIR = "Кравцова Елена Викторовна"
DEPUTY_INSPECTOR = "Белов Андрей Николаевич"
LAWYER = "Мельникова Ольга Сергеевна"
HEATING_ENGINEER = "Гончаров Игорь Петрович"
MENTOR = "Лаптева Марина Юрьевна"
ESTIMATOR = "Абрамов Денис Олегович"
KAMYSHIN_INSPECTOR = "Тимофеев Павел Андреевич"

THURSDAY = 3
MONDAY = 0


def local(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """An aware datetime at a wall-clock time in Volgograd."""
    return datetime.combine(day, time(hour, minute), tzinfo=EVENT_ZONE)


def month_shift(day: date, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` after (or before) the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` given weekday of a month, e.g. its second Thursday."""
    first_weekday, _days = calendar.monthrange(year, month)
    first = 1 + (weekday - first_weekday) % 7
    return date(year, month, first + 7 * (nth - 1))


def next_weekday(day: date, weekday: int) -> date:
    """The first ``weekday`` on or after ``day``."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def after_new_year_holidays(day: date) -> date:
    """``day``, or the first Monday after the New Year holidays if its week would touch them."""
    if (day.month == 12 and day.day > 24) or (day.month == 1 and day.day < 11):
        year = day.year + 1 if day.month == 12 else day.year
        return next_weekday(date(year, 1, 11), MONDAY)
    return day


def paragraphs(*texts: str) -> list[tuple[str, RichText]]:
    """A StreamField body of paragraph blocks."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


MEETING_COUNT = 12
MEETING_MONTHS_AGO = 4
MEETING_MOVED = 5  # the meeting of next month moves a week later
MEETING_CANCELLED = 7  # and the one three months ahead is cancelled


def club_meeting(today: date) -> dict:
    """The monthly club meeting: the second Thursday, 18:00–20:00, twelve times."""
    dates = [
        nth_weekday(*month_shift(today, months), THURSDAY, 2)
        for months in range(-MEETING_MONTHS_AGO, MEETING_COUNT - MEETING_MONTHS_AGO)
    ]
    moved, cancelled = dates[MEETING_MOVED], dates[MEETING_CANCELLED]
    return {
        "title": "Заседание Кейс-клуба",
        "slug": "club-meeting",
        "kind": "meeting",
        "start": local(dates[0], 18),
        "end": local(dates[0], 20),
        "repeat": "monthly",
        "repeat_monthly_by": "weekday",
        "repeat_count": MEETING_COUNT,
        "venue_name": COWORKING,
        "address": COWORKING_ADDRESS,
        "summary": (
            "Ежемесячное заседание клуба: разбираем новые кейсы по обращениям жителей, "
            "моделируем развитие ситуаций и подводим итоги по решённым делам."
        ),
        "body": [
            ("heading", "Как проходит заседание"),
            *paragraphs(
                "Участники приносят ситуации из обращений жителей: протечки кровли, "
                "ошибки в квитанциях, споры с управляющей компанией. Вместе "
                "с общественными жилищными инспекторами и экспертами-добровольцами мы "
                "выявляем проблему, моделируем сценарии её развития и формируем "
                "обоснованные варианты решения со ссылками на законодательство.",
                "В конце заседания наставники рассказывают, чем закончились кейсы "
                "прошлых месяцев, — это мониторинг и анализ результатов, которому "
                "клуб учится на каждой встрече.",
            ),
            ("quote", "Кейс решён, когда жители знают, что делать дальше, и делают это."),
        ],
        "hosts": [CHAIR, DEPUTY_INSPECTOR],
        "topics": ["housing-inspection", "owners-legal-literacy"],
        "changes": [
            {
                "original_date": moved,
                "action": "move",
                "new_date": moved + timedelta(days=7),
                "new_start_time": time(18),
                "new_end_time": time(20),
                "note": (
                    "Перенесено на неделю: в день заседания коворкинг занят "
                    "выездным приёмом граждан."
                ),
            },
            {
                "original_date": cancelled,
                "action": "cancel",
                "note": (
                    "Заседания не будет: в коворкинг-пространстве ремонт. "
                    "Кейсы переносятся на следующее заседание."
                ),
            },
        ],
    }


def heating_master_class(today: date) -> dict:
    day = today + timedelta(days=12)
    return {
        "title": "Как проверить начисления за отопление",
        "slug": "heating-charges-master-class",
        "kind": "master_class",
        "start": local(day, 17),
        "end": local(day, 19),
        "format": "hybrid",
        "venue_name": COWORKING,
        "address": COWORKING_ADDRESS,
        "online_url": ONLINE_ROOM,
        "summary": (
            "Разбираем квитанцию за отопление строка за строкой: норматив или "
            "общедомовой прибор учёта, корректировка по итогам года и перерасчёт."
        ),
        "body": paragraphs(
            "Инженер-теплотехник и юрист покажут на настоящих (обезличенных) квитанциях, "
            "как проверить объём и стоимость тепла, когда управляющая организация обязана "
            "сделать корректировку и как составить заявление о перерасчёте.",
            "Возьмите с собой квитанции за последний отопительный сезон. Можно "
            "подключиться онлайн: ссылка на трансляцию придёт после регистрации.",
        ),
        "registration_url": "https://forms.example.org/caseclub/heating",
        "capacity": 30,
        "hosts": [HEATING_ENGINEER, LAWYER],
        "topics": ["heating", "utility-charges"],
    }


def capital_repairs_master_class(today: date) -> dict:
    day = today + timedelta(days=26)
    return {
        "title": "Капремонт: приёмка работ",
        "slug": "capital-repairs-acceptance",
        "kind": "master_class",
        "start": local(day, 18, 30),
        "end": local(day, 20),
        "format": "online",
        "online_url": ONLINE_ROOM,
        "summary": (
            "Онлайн-мастер-класс для советов домов: как участвовать в приёмке "
            "капитального ремонта и не подписать акт с недоделками."
        ),
        "body": paragraphs(
            "Кто от собственников подписывает акт приёмки, что проверить в смете "
            "и исполнительной документации, как зафиксировать недостатки и добиться "
            "их устранения в гарантийный срок.",
            "Инженер-сметчик разберёт типичные ошибки в актах выполненных работ "
            "по ремонту кровли и фасада.",
        ),
        "registration_url": "https://forms.example.org/caseclub/kapremont",
        "hosts": [ESTIMATOR],
        "topics": ["capital-repairs", "common-property", "councils-and-hoa"],
    }


def inspectors_internship(today: date) -> dict:
    first_day = after_new_year_holidays(next_weekday(today + timedelta(days=28), MONDAY))
    return {
        "title": "Стажировка общественных жилищных инспекторов",
        "slug": "housing-inspectors-internship",
        "kind": "internship",
        "all_day": True,
        "start": local(first_day),
        "end": local(first_day + timedelta(days=4)),
        "audience": "members_only",
        "venue_name": COWORKING,
        "address": COWORKING_ADDRESS,
        "summary": (
            "Пять дней практики для новых общественных жилищных инспекторов: "
            "обследование домов вместе с опытными инспекторами и разбор актов."
        ),
        "body": [
            ("heading", "Программа"),
            *paragraphs(
                "Понедельник — основы общественного жилищного контроля и права инспектора.",
                "Вторник–четверг — выезды на обследование подвалов, кровель "
                "и контейнерных площадок в Волгограде и Камышине.",
                "Пятница — составление актов и обращений по итогам обследований, "
                "вручение удостоверений.",
            ),
        ],
        "capacity": 12,
        "hosts": [DEPUTY_INSPECTOR, KAMYSHIN_INSPECTOR, MENTOR],
        "topics": ["housing-inspection", "common-property"],
    }


def cancelled_consultation(today: date) -> dict:
    day = today + timedelta(days=18)
    return {
        "title": "Выездная консультация в Камышине: вода в старых домах",
        "slug": "kamyshin-water-consultation",
        "kind": "other",
        "start": local(day, 11),
        "end": local(day, 14),
        "status": "cancelled",
        "status_note": (
            "Отменено: помещение в Камышине не удалось согласовать. "
            "Новую дату объявим на этой странице."
        ),
        "venue_name": "Городская библиотека № 1",
        "address": "Камышин, ул. Октябрьская, 23",
        "summary": (
            "Приём жителей Камышина по вопросам давления и температуры воды "
            "в домах старой постройки."
        ),
        "body": paragraphs(
            "Общественный жилищный инспектор и юрист клуба хотели принять жителей "
            "и помочь составить обращения в управляющие компании и ресурсоснабжающую "
            "организацию.",
        ),
        "hosts": [KAMYSHIN_INSPECTOR, LAWYER],
        "topics": ["water-supply"],
    }


def general_meeting_master_class(today: date) -> dict:
    day = today - timedelta(days=40)
    return {
        "title": "Общее собрание собственников без ошибок",
        "slug": "general-meeting-master-class",
        "kind": "master_class",
        "start": local(day, 18),
        "end": local(day, 20),
        "venue_name": COWORKING,
        "address": COWORKING_ADDRESS,
        "summary": (
            "Как подготовить и провести общее собрание собственников, чтобы его решения "
            "нельзя было оспорить."
        ),
        "body": paragraphs(
            "Сообщение о собрании, кворум, очная и заочная части, оформление протокола "
            "и передача его в управляющую организацию и жилищную инспекцию.",
        ),
        "hosts": [MENTOR, CHAIR],
        "topics": ["councils-and-hoa", "owners-legal-literacy"],
        "report": (
            "<p>На мастер-класс пришли 27 человек: председатели советов домов, члены ТСЖ "
            "и собственники из Волгограда и Волжского.</p>"
            "<p>Разобрали три протокола, которые суды признали недействительными, "
            "и составили памятку по подсчёту голосов. Памятку и образец сообщения "
            "о собрании можно получить в коворкинг-пространстве Ресурсного центра.</p>"
            "<ul><li>Главная ошибка — кворум, посчитанный по числу квартир, а не по площади."
            "</li><li>Вторая — сообщение о собрании, размещённое позже чем за десять дней."
            "</li></ul>"
        ),
    }


def waste_round_table(today: date) -> dict:
    day = today - timedelta(days=75)
    return {
        "title": "Круглый стол: вывоз ТКО и контейнерные площадки",
        "slug": "waste-round-table",
        "kind": "other",
        "start": local(day, 15),
        "end": local(day, 17, 30),
        "format": "hybrid",
        "venue_name": COWORKING,
        "address": COWORKING_ADDRESS,
        "online_url": ONLINE_ROOM,
        "summary": (
            "Жители, инспекторы и представители регионального оператора обсудили "
            "график вывоза отходов и состояние контейнерных площадок."
        ),
        "body": paragraphs(
            "Общественные жилищные инспекторы представят результаты обследования "
            "контейнерных площадок в пяти районах области.",
        ),
        "hosts": [DEPUTY_INSPECTOR, CHAIR],
        "topics": ["waste-collection", "housing-inspection"],
        "report": (
            "<p>Инспекторы показали фотографии 46 обследованных площадок: на 19 из них "
            "контейнеры вывозились реже, чем предусмотрено договором.</p>"
            "<p>Региональный оператор обещал пересмотреть график в Урюпинске "
            "и Михайловке. Клуб продолжит мониторинг и подведёт итоги на заседании "
            "через три месяца.</p>"
        ),
    }


EVENT_RELATIONS = {"hosts", "topics", "changes"}
EVENTS = [
    club_meeting,
    heating_master_class,
    capital_repairs_master_class,
    inspectors_internship,
    cancelled_consultation,
    general_meeting_master_class,
    waste_round_table,
]


def ensure_home_page() -> tuple[HomePage, bool]:
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific, False

    home = HomePage.objects.filter(depth=2, slug="home").first()
    created = home is None
    old_root = site.root_page if site is not None else None
    if created:
        if old_root is not None and _is_welcome_page(old_root):
            # Free the slug "home" for the new page; the old page is deleted below.
            Page.objects.filter(pk=old_root.pk).update(slug="wagtail-welcome-page")
        home = Page.get_first_root_node().add_child(
            instance=HomePage(
                title=HOME_TITLE,
                slug="home",
                intro=HOME_INTRO,
                body=HOME_BODY,
                search_description=HOME_SEARCH_DESCRIPTION,
            )
        )
        home.save_revision().publish()

    if site is None:
        site = Site(is_default_site=True)
    site.root_page = home
    site.hostname = "localhost"
    site.port = 80
    site.is_default_site = True
    site.site_name = site.site_name or getattr(settings, "WAGTAIL_SITE_NAME", HOME_TITLE)
    site.save()

    # Only Wagtail's untouched placeholder is deleted; any other page is kept.
    if old_root is not None and old_root.pk != home.pk and _is_welcome_page(old_root):
        Page.objects.get(pk=old_root.pk).delete()
    return home, created


def _is_welcome_page(page: Page) -> bool:
    return page.depth == 2 and page.specific_class is Page and page.numchild == 0


def ensure_topics() -> tuple[dict[str, Topic], int]:
    """Create the housing and utilities topics, keyed by slug."""
    topics = {}
    created_count = 0
    for slug, name, description in TOPICS:
        topic, created = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        topics[slug] = topic
        created_count += created
    return topics, created_count


def ensure_members(topics: dict[str, Topic]) -> int:
    """Enter the demo members into the registry, with their expertise and rewards."""
    names = [data["name"] for data in MEMBERS]
    existing = set(Member.objects.filter(name__in=names).values_list("name", flat=True))
    created_count = 0
    for data in MEMBERS:
        if data["name"] in existing:
            continue
        create_member(data, topics)
        created_count += 1
    return created_count


def create_member(data: dict, topics: dict[str, Topic]) -> Member:
    """Create one registry entry the way the admin does, with a revision and a log entry."""
    fields = {key: value for key, value in data.items() if key not in {"expertise", "rewards"}}
    member = Member(**fields)
    # A cluster keeps its topics and rewards in memory until the one save below,
    # which also assigns the registry number.
    member.expertise.set([topics[slug] for slug in data.get("expertise", [])])
    for order, (reward_date, title, reason) in enumerate(data.get("rewards", [])):
        member.rewards.add(
            MemberReward(sort_order=order, date=reward_date, title=title, reason=reason)
        )
    member.full_clean()
    member.save()
    revision = member.save_revision(log_action=False)
    log(instance=member, action="wagtail.create", revision=revision, content_changed=True)
    return member


def ensure_member_directory(home: Page) -> tuple[MemberDirectoryPage, bool]:
    """Publish the public members' directory under the home page."""
    existing = home.get_children().filter(slug=DIRECTORY_SLUG).first()
    if existing is not None:
        return existing.specific, False
    directory = home.add_child(
        instance=MemberDirectoryPage(
            title=DIRECTORY_TITLE,
            slug=DIRECTORY_SLUG,
            intro=DIRECTORY_INTRO,
            search_description=DIRECTORY_SEARCH_DESCRIPTION,
            show_in_menus=True,
        )
    )
    directory.save_revision().publish()
    return directory, True


def ensure_event_index(home: Page) -> tuple[EventIndexPage, bool]:
    """Publish the events page under the home page."""
    existing = home.get_children().filter(slug=EVENTS_SLUG).first()
    if existing is not None:
        return existing.specific, False
    events = home.add_child(
        instance=EventIndexPage(
            title=EVENTS_TITLE,
            slug=EVENTS_SLUG,
            intro=EVENTS_INTRO,
            search_description=EVENTS_SEARCH_DESCRIPTION,
            show_in_menus=True,
        )
    )
    events.save_revision().publish()
    return events, True


def ensure_events(events: EventIndexPage, topics: dict[str, Topic]) -> int:
    """Publish the demo events that the events page does not hold yet."""
    today = timezone.localdate()
    existing = set(events.get_children().values_list("slug", flat=True))
    created_count = 0
    for build in EVENTS:
        data = build(today)
        if data["slug"] in existing:
            continue
        create_event(events, data, topics)
        created_count += 1
    return created_count


def create_event(events: EventIndexPage, data: dict, topics: dict[str, Topic]) -> EventPage:
    """Add one event with its hosts, topics and changed dates, then publish it.

    Publishing stores the event's occurrences.
    """
    fields = {key: value for key, value in data.items() if key not in EVENT_RELATIONS}
    event = EventPage(time_zone=EVENT_ZONE.key, **fields)
    event.topics.set([topics[slug] for slug in data.get("topics", [])])
    event.hosts.set(list(Member.objects.filter(name__in=data.get("hosts", []))))
    for order, change in enumerate(data.get("changes", [])):
        event.occurrence_changes.add(EventOccurrenceChange(sort_order=order, **change))
    events.add_child(instance=event)
    event.save_revision().publish()
    return event


def ensure_superuser() -> bool:
    """Create the demo administrator unless a user with that name exists."""
    user_model = get_user_model()
    if user_model.objects.filter(username=ADMIN_USERNAME).exists():
        return False
    user_model.objects.create_superuser(
        username=ADMIN_USERNAME, email="admin@example.org", password=ADMIN_PASSWORD
    )
    return True


class Command(BaseCommand):
    help = (
        "Fill the site with Russian demo content: home page, topics, members, directory, "
        "events and the case library."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            home, home_created = ensure_home_page()
            topics, topics_created = ensure_topics()
            members_created = ensure_members(topics)
            _directory, directory_created = ensure_member_directory(home)
            events, events_page_created = ensure_event_index(home)
            events_created = ensure_events(events, topics)
            cases_index, cases_page_created = ensure_case_index(home)
            documents, documents_created = ensure_documents()
            new_cases = ensure_cases(cases_index, topics, documents)
            event_links_created = link_events(events, new_cases)
            user_created = ensure_superuser()

        self.report("home page", int(home_created))
        self.report("topics", topics_created)
        self.report("members", members_created)
        self.report("member directory page", int(directory_created))
        self.report("events page", int(events_page_created))
        self.report("events", events_created)
        self.report("case library page", int(cases_page_created))
        self.report("case documents", documents_created)
        self.report("cases", len(new_cases))
        self.report("cases linked to events", event_links_created)
        self.report("superuser", int(user_created))

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"  Site:  {SITE_URL}")
        self.stdout.write(f"  Admin: {SITE_URL}admin/")
        self.stdout.write(f"  Login: {ADMIN_USERNAME} / {ADMIN_PASSWORD}")

    def report(self, what: str, created: int):
        verb = "created" if created else "already present"
        count = f"{created} " if created else ""
        self.stdout.write(f"{what}: {count}{verb}")
