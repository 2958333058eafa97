//! ESDH exports in XML: eDoc's agenda publishing (`eDocAgendaPublishing.xml`) and Acadre's
//! meeting XML. Each becomes the pages of lines a referat of the same meeting gives, with the
//! fields the export states written as the labelled lines of a referat and its item headings
//! marked as stated (so the grammar never takes a line inside an item for one). Export and
//! file timestamps (`PublishedDate`, `producedate`, `cdate`) are never used.
//!
//! - eDoc: `<Meeting><Committee/><MeetingDate/><MeetingAgendaTypes><MeetingAgendaType>
//!   <FullText/>` — the agenda type's FullText is the whole minutes as the PDF prints them
//!   (cover, attendance, items; `&#xC;` a page break); the items
//!   (`MeetingAgendaItem/AgendaItemNumber`, `Document/Title`) say which of its lines are item
//!   headings. Attachments' FullText is not minutes and is not read.
//! - Acadre: `<root><table name="agenda">` with `committee`, `meeting` (`date`, `location`,
//!   `address`, `meetmember/member` with `absent`), and `agendaitemparents` (`sort` is the
//!   item number) holding `agendaitem` (`name`, `caseno`), its `bullet`s (a heading and HTML)
//!   and `enclosure`s (Bilag). The planned `finish` is not the meeting's end and is not read.
//!
//! Any other XML is an unsupported structured format, never prose.

use super::xml_tree::{self, Element};
use super::{Limits, RawDocument, RawLine, RawPage, Role};
use crate::error::IngestError;

/// Reads an eDoc or Acadre export, or says it is neither.
pub fn read_xml(text: &str, limits: &Limits) -> Result<RawDocument, IngestError> {
    let root = xml_tree::parse(text, limits)?;
    if root.name == "Meeting" && root.child("MeetingAgendaTypes").is_some() {
        return Ok(edoc(&root));
    }
    if let Some(agenda) = acadre_agenda(&root) {
        return acadre(agenda);
    }
    if root.name == "root" && root.child("org").is_some() {
        return Err(IngestError::Structured(
            "an Acadre publishing manifest: it lists the published documents (the meeting XML \
             and its Word files hold the minutes), not the minutes themselves"
                .to_owned(),
        ));
    }
    Err(IngestError::Structured(format!(
        "XML export <{}> is neither an eDoc agenda publishing nor an Acadre meeting",
        root.name
    )))
}

/// Lines into pages; `stated` says which lines are item headings the export lists.
struct Pages {
    pages: Vec<RawPage>,
}

impl Pages {
    fn new() -> Self {
        Pages { pages: vec![RawPage { lines: Vec::new(), height: None }] }
    }

    fn push(&mut self, text: &str, role: Role) {
        let page = self.pages.last_mut().expect("one page at least");
        page.lines.push(RawLine { role, ..RawLine::plain(text.trim_end()) });
    }

    fn break_page(&mut self) {
        self.pages.push(RawPage { lines: Vec::new(), height: None });
    }

    fn finish(self) -> RawDocument {
        let pages = self.pages.into_iter().filter(|p| !p.lines.is_empty()).collect();
        RawDocument { pages, warnings: Vec::new() }
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn edoc(root: &Element) -> RawDocument {
    let mut out = Pages::new();
    let types =
        root.child("MeetingAgendaTypes").into_iter().flat_map(|t| t.all("MeetingAgendaType"));
    for agenda_type in types {
        // "2.\tBygningsvedligeholdelse 2013 - anlægsbevilling": number and title as listed.
        let mut headings: Vec<String> = agenda_type
            .child("MeetingAgendaItems")
            .into_iter()
            .flat_map(|items| items.all("MeetingAgendaItem"))
            .filter_map(|item| {
                let number = item.text_of("AgendaItemNumber")?;
                let title = item.at(&["Document"])?.text_of("Title")?;
                Some(collapse(&format!("{number}. {title}")))
            })
            .collect();
        let Some(full_text) = agenda_type.text_of("FullText") else { continue };
        for (i, page) in full_text.split('\u{C}').enumerate() {
            if i > 0 {
                out.break_page();
            }
            for line in page.lines() {
                // The first line that is exactly an item's number and title is its heading
                // (the table of contents adds page numbers after the title).
                let at = headings.iter().position(|h| *h == collapse(line));
                let role = match at {
                    Some(at) => {
                        headings.remove(at);
                        Role::ItemHeading
                    }
                    None => Role::Unknown,
                };
                out.push(line, role);
            }
        }
    }
    out.finish()
}

/// Acadre's `<table name="…">` children.
fn tables<'a>(e: &'a Element, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
    e.all("table").filter(move |t| t.attribute("name") == Some(name))
}

/// Acadre's `<fields><field name="key">value</field>` of a table.
fn field<'a>(table: &'a Element, key: &str) -> Option<&'a str> {
    table
        .child("fields")?
        .all("field")
        .find(|f| f.attribute("name") == Some(key))
        .map(|f| f.text.trim())
        .filter(|t| !t.is_empty())
}

/// The meeting XML's agenda table; a publishing manifest (the same tables, holding only
/// attributes, beside `org`) is no meeting.
fn acadre_agenda(root: &Element) -> Option<&Element> {
    (root.name == "root" && root.child("org").is_none())
        .then(|| tables(root, "agenda").find(|a| field(a, "name").is_some()))
        .flatten()
}

fn acadre(agenda: &Element) -> Result<RawDocument, IngestError> {
    let mut out = Pages::new();
    let committee = tables(agenda, "committee").next();
    let meeting = tables(agenda, "meeting").next();
    if let Some(name) = committee.and_then(|c| field(c, "name")) {
        out.push(name, Role::Unknown);
    }
    if let Some(name) = field(agenda, "name") {
        out.push(name, Role::Unknown);
    }
    if let Some(meeting) = meeting {
        acadre_meeting(meeting, &mut out);
    }
    let mut items: Vec<(u64, &Element)> = tables(agenda, "agendaitemparents")
        .filter_map(|parent| {
            let sort = field(parent, "sort")?.parse().ok()?;
            Some((sort, tables(parent, "agendaitem").next()?))
        })
        .collect();
    items.sort_by_key(|(sort, _)| *sort);
    for (number, item) in items {
        acadre_item(number, item, &mut out)?;
    }
    Ok(out.finish())
}

fn acadre_meeting(meeting: &Element, out: &mut Pages) {
    if let Some(name) = field(meeting, "name") {
        out.push(name, Role::Unknown);
    }
    // "2013-06-20 10:30": the meeting's own date and start.
    if let Some(stamp) = field(meeting, "date")
        && let (Some(date), Some(time)) = (stamp.get(..10), stamp.get(11..16))
        && let [y, m, d] = date.split('-').collect::<Vec<_>>()[..]
    {
        out.push(&format!("Dato: {d}-{m}-{y}"), Role::Unknown);
        out.push(&format!("Tidspunkt: {time}"), Role::Unknown);
    }
    let address = field(meeting, "address").map(|a| {
        a.split("<br>").map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", ")
    });
    let place: Vec<String> =
        field(meeting, "location").map(str::to_owned).into_iter().chain(address).collect();
    if !place.is_empty() {
        out.push(&format!("Sted: {}", place.join(", ")), Role::Unknown);
    }
    out.push("", Role::Unknown);
    let members: Vec<&Element> =
        tables(meeting, "meetmember").flat_map(|m| tables(m, "member")).collect();
    for (heading, absent) in [("Medlemmer", "0"), ("Afbud", "1")] {
        let listed: Vec<String> = members
            .iter()
            .filter(|m| field(m, "absent").unwrap_or("0") == absent)
            .filter_map(|m| {
                let name = collapse(field(m, "name")?);
                // "Medlem" is every member's role: it says nothing.
                Some(match field(m, "role").filter(|r| !r.eq_ignore_ascii_case("medlem")) {
                    Some(role) => format!("{name}, {}", role.to_lowercase()),
                    None => name,
                })
            })
            .collect();
        if listed.is_empty() {
            continue;
        }
        out.push(heading, Role::Unknown);
        for entry in listed {
            out.push(&entry, Role::Unknown);
        }
        out.push("", Role::Unknown);
    }
}

fn acadre_item(number: u64, item: &Element, out: &mut Pages) -> Result<(), IngestError> {
    let Some(title) = field(item, "name") else { return Ok(()) };
    out.push(&format!("{number}. {}", collapse(title)), Role::ItemHeading);
    if let Some(case) = field(item, "caseno") {
        out.push(&format!("Sagsnr.: {case}"), Role::Unknown);
    }
    out.push("", Role::Unknown);
    let mut bullets: Vec<(u64, &Element)> = tables(item, "bullet")
        .map(|b| (field(b, "bulletsortorder").and_then(|s| s.parse().ok()).unwrap_or(0), b))
        .collect();
    bullets.sort_by_key(|(order, _)| *order);
    for (_, bullet) in bullets {
        let (Some(heading), Some(html)) =
            (field(bullet, "bulletname"), field(bullet, "bulletcontent"))
        else {
            continue;
        };
        let page = super::html::read_html(html)?;
        let lines: Vec<String> =
            page.pages.into_iter().flat_map(|p| p.lines).map(|l| l.text).collect();
        if lines.iter().all(|l| l.trim().is_empty()) {
            continue;
        }
        out.push(heading, Role::Unknown);
        out.push("", Role::Unknown);
        for line in lines {
            out.push(&line, Role::Unknown);
        }
        out.push("", Role::Unknown);
    }
    let enclosures: Vec<&str> =
        tables(item, "enclosure").filter_map(|e| field(e, "name")).collect();
    if !enclosures.is_empty() {
        out.push("Bilag", Role::Unknown);
        out.push("", Role::Unknown);
        for name in enclosures {
            out.push(name, Role::Unknown);
        }
        out.push("", Role::Unknown);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(doc: &RawDocument) -> Vec<Vec<(&str, bool)>> {
        doc.pages
            .iter()
            .map(|p| {
                p.lines.iter().map(|l| (l.text.as_str(), l.role == Role::ItemHeading)).collect()
            })
            .collect()
    }

    #[test]
    fn edoc_full_text_with_its_stated_item_headings_and_pages() {
        let xml = "<?xml version=\"1.0\"?><Meeting><Committee>Økonomiudvalget</Committee>\
            <MeetingDate>04-12-2012 13:00:00</MeetingDate><MeetingAgendaTypes><MeetingAgendaType>\
            <FullText>Økonomiudvalget\ntirsdag den 4. december 2012\n1.\tMeddelelser\t3\n&#xC;1.\tMeddelelser\nGodkendt.</FullText>\
            <MeetingAgendaItems><MeetingAgendaItem><AgendaItemNumber>1</AgendaItemNumber>\
            <Document><Title>Meddelelser</Title></Document><FullText>1.\tMeddelelser</FullText>\
            </MeetingAgendaItem></MeetingAgendaItems></MeetingAgendaType></MeetingAgendaTypes></Meeting>";
        let doc = read_xml(xml, &Limits::default()).expect("edoc");
        assert_eq!(
            lines(&doc),
            [
                vec![
                    ("Økonomiudvalget", false),
                    ("tirsdag den 4. december 2012", false),
                    ("1.\tMeddelelser\t3", false)
                ],
                vec![("1.\tMeddelelser", true), ("Godkendt.", false)],
            ]
        );
    }

    #[test]
    fn acadre_meeting_fields_members_items_and_bullets() {
        let xml = r#"<?xml version="1.0"?><root><table name="agenda"><fields>
            <field name="name">Referat</field><field name="producedate">2013-06-20 15:11</field></fields>
            <table name="committee"><fields><field name="name">Udvalget for kultur</field></fields></table>
            <table name="meeting"><fields><field name="name">Ekstraordinært møde</field>
              <field name="date">2013-06-20 10:30</field><field name="finish">2013-06-20 13:00</field>
              <field name="location">Rådhuset</field><field name="address">Torvet 1&lt;br&gt;8400 Ebeltoft</field></fields>
              <table name="meetmember">
                <table name="member"><fields><field name="name">Anne  Holm (A)</field><field name="absent">0</field><field name="role">Formand</field></fields></table>
                <table name="member"><fields><field name="name">Bo Lund (V)</field><field name="absent">1</field><field name="role">Medlem</field></fields></table>
              </table></table>
            <table name="agendaitemparents"><fields><field name="sort">715</field></fields>
              <table name="agendaitem"><fields><field name="name">Kulturkommune 2017</field><field name="caseno">12/27845</field></fields>
                <table name="bullet"><fields><field name="bulletname">Lovgrundlag</field><field name="bulletcontent"></field><field name="bulletsortorder">2</field></fields></table>
                <table name="bullet"><fields><field name="bulletname">Beslutning</field><field name="bulletcontent">&lt;p&gt;Godkendt.&lt;/p&gt;</field><field name="bulletsortorder">3</field></fields></table>
                <table name="bullet"><fields><field name="bulletname">Resumé</field><field name="bulletcontent">&lt;p&gt;Kort.&lt;/p&gt;</field><field name="bulletsortorder">1</field></fields></table>
                <table name="enclosure"><fields><field name="name">Notat</field></fields></table>
              </table></table>
            </table></root>"#;
        let doc = read_xml(xml, &Limits::default()).expect("acadre");
        let texts: Vec<&str> = doc.pages[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Udvalget for kultur",
                "Referat",
                "Ekstraordinært møde",
                "Dato: 20-06-2013",
                "Tidspunkt: 10:30",
                "Sted: Rådhuset, Torvet 1, 8400 Ebeltoft",
                "",
                "Medlemmer",
                "Anne Holm (A), formand",
                "",
                "Afbud",
                "Bo Lund (V)",
                "",
                "715. Kulturkommune 2017",
                "Sagsnr.: 12/27845",
                "",
                "Resumé",
                "",
                "Kort.",
                "",
                "Beslutning",
                "",
                "Godkendt.",
                "",
                "Bilag",
                "",
                "Notat",
                ""
            ]
        );
        let stated: Vec<&str> = doc.pages[0]
            .lines
            .iter()
            .filter(|l| l.role == Role::ItemHeading)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(stated, ["715. Kulturkommune 2017"]);
    }

    #[test]
    fn other_xml_is_an_unsupported_structured_format() {
        let manifest = r#"<root><org>Acadre Produktion</org><table name="agenda"><fields><field name="Referat"></field></fields></table></root>"#;
        for xml in [manifest, "<root><x/></root>", "<?xml version=\"1.0\"?><rss/>", "<Meeting/>"] {
            let err = read_xml(xml, &Limits::default()).expect_err("not an export");
            assert!(matches!(err, IngestError::Structured(_)), "{err}");
        }
    }
}
