"""Write the sample attachments under content/files/: short summaries of legal documents and illustrative forms.

Usage: python scripts/sample_files.py [content/files]
Every file is named by a sample item (a document's or a procedure's `attachments`). The output is deterministic:
fixed creation date and producer, so rerunning gives identical bytes. Text is rendered with Debian's DejaVu Sans,
which covers Vietnamese diacritics.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CREATED = datetime(2025, 9, 15, 9, 0, tzinfo=UTC)
"""Creation date written into every file's metadata (a fixed instant keeps the bytes reproducible)."""
PRODUCER = "Ministry of Justice portal sample files"

Block = tuple[str, str]
"""A piece of a file: ("h", heading), ("p", paragraph), ("field", form label), ("note", small print), ("page", "")."""

SUMMARY_NOTE = {
    "vi": "Tài liệu tóm tắt để tham khảo. Văn bản có giá trị pháp lý là văn bản đăng trên Công báo.",
    "en": "Summary for reference only. The legally binding text is the Vietnamese text published in the"
    " Official Gazette.",
}
FORM_NOTE = {
    "vi": "Mẫu minh họa của trang thông tin; khi nộp hồ sơ, hãy dùng mẫu do cơ quan tiếp nhận cung cấp.",
    "en": "Illustrative sample published by the portal; when you apply, use the form the receiving office provides.",
}

FILES: dict[str, tuple[str, str, list[Block]]] = {
    "documents/nghi-dinh-72-2015-nd-cp-vi.pdf": (
        "vi",
        "Tóm tắt Nghị định số 72/2015/NĐ-CP",
        [
            ("note", SUMMARY_NOTE["vi"]),
            ("p", "Chính phủ ban hành ngày 07/9/2015; có hiệu lực từ ngày 01/11/2015."),
            ("h", "1. Nghị định điều chỉnh gì"),
            (
                "p",
                "Hoạt động thông tin đối ngoại: đưa thông tin chính thức về Việt Nam ra thế giới, đưa thông tin về"
                " thế giới vào Việt Nam, và việc quản lý các hoạt động đó.",
            ),
            ("h", "2. Những điểm chính"),
            (
                "p",
                "Các bộ, ngành và địa phương chủ động cung cấp thông tin chính thức, kịp thời; tổ chức họp báo và"
                " trả lời phỏng vấn báo chí nước ngoài; đăng tải thông tin bằng tiếng nước ngoài trên cổng thông tin"
                " điện tử của mình.",
            ),
            ("h", "3. Tại Bộ Tư pháp"),
            (
                "p",
                "Bộ Tư pháp triển khai Nghị định bằng các kế hoạch thông tin đối ngoại hằng năm và giai đoạn,"
                " trong đó có phiên bản tiếng Anh của trang thông tin hợp tác quốc tế.",
            ),
        ],
    ),
    "documents/nghi-dinh-72-2015-nd-cp-en.pdf": (
        "en",
        "Summary of Decree 72/2015/NĐ-CP",
        [
            ("note", SUMMARY_NOTE["en"]),
            ("p", "Issued by the Government on 7 September 2015; in force from 1 November 2015."),
            ("h", "1. What the Decree governs"),
            (
                "p",
                "Foreign information activities: giving the world official information about Viet Nam, bringing"
                " information about the world to Viet Nam, and the management of both.",
            ),
            ("h", "2. Main points"),
            (
                "p",
                "Ministries, sectors and provinces provide official information promptly and on their own"
                " initiative; they hold press conferences, answer foreign media and publish information in foreign"
                " languages on their portals.",
            ),
            ("h", "3. At the Ministry of Justice"),
            (
                "p",
                "The Ministry implements the Decree through yearly and multi-year foreign-information plans,"
                " including the English version of its international-cooperation portal.",
            ),
        ],
    ),
    "documents/luat-cong-chung-2024-vi.pdf": (
        "vi",
        "Tóm tắt Luật Công chứng số 46/2024/QH15",
        [
            ("note", SUMMARY_NOTE["vi"]),
            (
                "p",
                "Quốc hội thông qua ngày 26/11/2024; có hiệu lực từ ngày 01/7/2025; thay thế Luật Công chứng năm"
                " 2014. Luật gồm 8 chương, 76 điều.",
            ),
            ("h", "1. Công chứng điện tử"),
            (
                "p",
                "Lần đầu tiên Luật quy định công chứng điện tử, trực tiếp hoặc trực tuyến, với chữ ký số của"
                " công chứng viên và tổ chức hành nghề công chứng.",
            ),
            ("h", "2. Bản dịch"),
            (
                "p",
                "Công chứng viên không còn công chứng bản dịch; người cần dùng bản dịch yêu cầu chứng thực chữ"
                " ký người dịch theo pháp luật về chứng thực. Bản dịch đã công chứng trước ngày 01/7/2025 vẫn có"
                " giá trị.",
            ),
            ("h", "3. Công chứng viên"),
            (
                "p",
                "Thời gian công tác pháp luật để được bổ nhiệm giảm từ 5 năm xuống 3 năm; công chứng viên hành"
                " nghề không quá 70 tuổi.",
            ),
        ],
    ),
    "documents/luat-cong-chung-2024-en.pdf": (
        "en",
        "Summary of the Law on Notarisation, No. 46/2024/QH15",
        [
            ("note", SUMMARY_NOTE["en"]),
            (
                "p",
                "Adopted by the National Assembly on 26 November 2024; in force from 1 July 2025; replaces the"
                " 2014 Law on Notarisation. 8 chapters, 76 articles.",
            ),
            ("h", "1. Electronic notarisation"),
            (
                "p",
                "For the first time, the Law provides for electronic notarisation, in person or online, with the"
                " digital signatures of the notary and the notarial office.",
            ),
            ("h", "2. Translations"),
            (
                "p",
                "Notaries no longer notarise translations; a person who needs a translation has the translator's"
                " signature certified under the law on certification. Translations notarised before 1 July 2025"
                " remain valid.",
            ),
            ("h", "3. Notaries"),
            (
                "p",
                "The legal work experience required for appointment falls from five to three years; a notary may"
                " practise until the age of 70.",
            ),
        ],
    ),
    "documents/luat-ly-lich-tu-phap-2009-vi.pdf": (
        "vi",
        "Tóm tắt Luật Lý lịch tư pháp số 28/2009/QH12",
        [
            ("note", SUMMARY_NOTE["vi"]),
            ("p", "Quốc hội thông qua ngày 17/6/2009; có hiệu lực từ ngày 01/7/2010."),
            ("h", "1. Lý lịch tư pháp là gì"),
            (
                "p",
                "Lý lịch về án tích của người bị kết án bằng bản án, quyết định hình sự đã có hiệu lực, và về"
                " việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp khi doanh nghiệp bị tuyên bố phá sản.",
            ),
            ("h", "2. Hai loại Phiếu"),
            (
                "p",
                "Phiếu số 1 cấp cho cá nhân, cơ quan, tổ chức; Phiếu số 2 cấp cho cơ quan tiến hành tố tụng và"
                " cho chính người được cấp khi người đó yêu cầu để biết đầy đủ nội dung lý lịch tư pháp của mình.",
            ),
            ("h", "3. Người nước ngoài"),
            (
                "p",
                "Người nước ngoài đã hoặc đang cư trú tại Việt Nam có quyền yêu cầu cấp Phiếu. Người đang cư trú"
                " nộp hồ sơ tại Sở Tư pháp nơi cư trú; người đã rời Việt Nam nộp tại Trung tâm Lý lịch tư pháp quốc"
                " gia.",
            ),
        ],
    ),
    "procedures/to-khai-cap-phieu-ly-lich-tu-phap-vi.pdf": (
        "vi",
        "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
        [
            ("note", FORM_NOTE["vi"]),
            ("p", "Kính gửi: Sở Tư pháp ............ / Trung tâm Lý lịch tư pháp quốc gia"),
            ("field", "Họ, chữ đệm và tên"),
            ("field", "Ngày, tháng, năm sinh"),
            ("field", "Quốc tịch"),
            ("field", "Số hộ chiếu, ngày cấp, nơi cấp"),
            ("field", "Nơi cư trú tại Việt Nam (ghi cả thời gian cư trú)"),
            ("field", "Địa chỉ liên hệ hiện nay, điện thoại, thư điện tử"),
            ("field", "Loại Phiếu yêu cầu (số 1 hoặc số 2) và số lượng"),
            ("field", "Mục đích sử dụng Phiếu"),
            ("field", "Cách nhận kết quả (trực tiếp hoặc qua bưu chính, ghi địa chỉ)"),
            ("p", "Tôi cam đoan những lời khai trên là đúng sự thật."),
            ("field", "Ngày khai, chữ ký của người yêu cầu"),
            ("page", ""),
            ("h", "Hướng dẫn"),
            (
                "p",
                "Gửi kèm bản chụp hộ chiếu và giấy tờ chứng minh thời gian cư trú tại Việt Nam. Nếu ủy quyền cho"
                " người khác nộp hồ sơ (chỉ với Phiếu số 1), gửi kèm văn bản ủy quyền đã được công chứng hoặc chứng"
                " thực.",
            ),
            ("p", "Phiếu số 2 chỉ cấp cho chính người yêu cầu; không ủy quyền."),
        ],
    ),
    "procedures/to-khai-cap-phieu-ly-lich-tu-phap-en.pdf": (
        "en",
        "Application for a judicial record certificate",
        [
            ("note", FORM_NOTE["en"]),
            ("p", "To: Department of Justice of ............ / National Centre for Judicial Records"),
            ("field", "Full name"),
            ("field", "Date of birth"),
            ("field", "Nationality"),
            ("field", "Passport number, date and place of issue"),
            ("field", "Place(s) of residence in Viet Nam, with dates"),
            ("field", "Current contact address, telephone, e-mail"),
            ("field", "Certificate requested (No. 1 or No. 2) and number of copies"),
            ("field", "Purpose for which the certificate is needed"),
            ("field", "How you will collect it (in person or by post, with the address)"),
            ("p", "I declare that the information above is true."),
            ("field", "Date and applicant's signature"),
            ("page", ""),
            ("h", "Notes"),
            (
                "p",
                "Enclose a copy of your passport and of a document showing your residence in Viet Nam. If someone"
                " else applies for you (certificate No. 1 only), enclose your notarised or certified authorisation.",
            ),
            ("p", "Certificate No. 2 is issued only to the person concerned; it cannot be requested on your behalf."),
        ],
    ),
    "procedures/to-khai-dang-ky-ket-hon-vi.pdf": (
        "vi",
        "Tờ khai đăng ký kết hôn",
        [
            ("note", FORM_NOTE["vi"]),
            ("p", "Kính gửi: Ủy ban nhân dân ............"),
            ("h", "Thông tin bên thứ nhất"),
            ("field", "Họ, chữ đệm và tên; ngày, tháng, năm sinh"),
            ("field", "Quốc tịch; số hộ chiếu hoặc giấy tờ tùy thân"),
            ("field", "Nơi cư trú"),
            ("field", "Kết hôn lần thứ mấy"),
            ("h", "Thông tin bên thứ hai"),
            ("field", "Họ, chữ đệm và tên; ngày, tháng, năm sinh"),
            ("field", "Quốc tịch; số hộ chiếu hoặc giấy tờ tùy thân"),
            ("field", "Nơi cư trú"),
            ("field", "Kết hôn lần thứ mấy"),
            (
                "p",
                "Chúng tôi cam đoan việc kết hôn là hoàn toàn tự nguyện, đáp ứng đủ điều kiện kết hôn và những lời"
                " khai trên là đúng sự thật.",
            ),
            ("field", "Ngày khai; chữ ký của hai bên"),
        ],
    ),
    "procedures/don-de-nghi-giay-phep-hanh-nghe-luat-su-nuoc-ngoai-vi.pdf": (
        "vi",
        "Đơn đề nghị cấp Giấy phép hành nghề luật sư tại Việt Nam",
        [
            ("note", FORM_NOTE["vi"] + " Bản nội bộ, chưa được duyệt."),
            ("p", "Kính gửi: Bộ Tư pháp (Cục Bổ trợ tư pháp)"),
            ("field", "Họ và tên luật sư; quốc tịch"),
            ("field", "Số hộ chiếu, ngày cấp, nơi cấp"),
            ("field", "Chứng chỉ hành nghề luật sư do nước ngoài cấp (số, ngày, cơ quan cấp)"),
            ("field", "Tên tổ chức hành nghề luật sư tại Việt Nam sẽ làm việc"),
            ("field", "Lĩnh vực pháp luật dự kiến hành nghề"),
            ("field", "Ngày đề nghị; chữ ký"),
        ],
    ),
}


def new_document(lang: str, title: str) -> FPDF:
    """An A4 document with DejaVu Sans registered, fixed metadata and its first page started."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(CREATED)
    pdf.set_producer(PRODUCER)
    pdf.set_creator(PRODUCER)
    pdf.set_title(title)
    pdf.set_lang(lang)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    return pdf


def write_block(pdf: FPDF, kind: str, text: str) -> None:
    """Render one block: a heading, a paragraph, small print, a form field with a line to fill in, or a new page."""
    if kind == "h":
        pdf.set_font("DejaVu", "", 13)
        pdf.ln(3)
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    elif kind == "p":
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    elif kind == "note":
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    elif kind == "field":
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(0, 6, text + ":", new_x="LMARGIN", new_y="NEXT")
        dots = int(pdf.epw / pdf.get_string_width("."))
        pdf.cell(0, 8, "." * dots, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    elif kind == "page":
        pdf.add_page()
    else:
        raise ValueError(f"unknown block kind {kind!r}")


def render(lang: str, title: str, blocks: list[Block]) -> bytes:
    """The PDF bytes of one file: its title, then its blocks in order."""
    pdf = new_document(lang, title)
    pdf.set_font("DejaVu", "", 16)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for kind, text in blocks:
        write_block(pdf, kind, text)
    return bytes(pdf.output())


def main(out_dir: str = "content/files") -> int:
    """Write every sample file under ``out_dir`` and print its path and size."""
    root = Path(out_dir)
    for path, (lang, title, blocks) in FILES.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = render(lang, title, blocks)
        target.write_bytes(data)
        print(f"{target} {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
