"""The data the tests build, one module per feature, re-exported here.

``from tests.factories import MemberFactory`` works for every builder; each feature's module
holds its own (``core`` for topics and images, then ``members``, ``cases``,
``registrations``, ``events``).
"""

from tests.factories.appeals import (
    AppealFactory,
    appeal_data,
    attach,
    make_appeal_page,
    pdf_upload,
    png_upload,
    upload,
)
from tests.factories.applications import (
    ApplicationFactory,
    application_data,
    make_application_page,
)
from tests.factories.cases import make_case, make_case_library
from tests.factories.core import ImageFactory, TopicFactory, admin_user, root_page
from tests.factories.events import (
    change,
    chosen_rows,
    event_form_data,
    make_event,
    make_event_index,
    wall,
)
from tests.factories.members import (
    MemberFactory,
    MemberRewardFactory,
    edit_form_data,
    make_directory,
    member_form_data,
)
from tests.factories.proposals import ProposalFactory, make_proposal_page, proposal_data
from tests.factories.registrations import (
    RegistrationFactory,
    add_registrations,
    registration,
    registration_data,
)

__all__ = [
    "AppealFactory",
    "ApplicationFactory",
    "ImageFactory",
    "MemberFactory",
    "MemberRewardFactory",
    "ProposalFactory",
    "RegistrationFactory",
    "TopicFactory",
    "add_registrations",
    "admin_user",
    "appeal_data",
    "application_data",
    "attach",
    "change",
    "edit_form_data",
    "chosen_rows",
    "event_form_data",
    "make_appeal_page",
    "make_application_page",
    "make_case",
    "make_case_library",
    "make_directory",
    "make_event",
    "make_event_index",
    "make_proposal_page",
    "member_form_data",
    "pdf_upload",
    "png_upload",
    "proposal_data",
    "registration",
    "registration_data",
    "root_page",
    "upload",
    "wall",
]
