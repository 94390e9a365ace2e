"""Every kind of bad input: one message naming file, line and field, exit code 4, nothing written."""

import pytest

from roster.cli.exit_codes import Exit
from roster.store import load_provider, open_db

from io_samples import edit


@pytest.fixture
def refused(seeded, valid_dir, run_cli):
    """Import the (now broken) files again; assert the refusal and that the database is unchanged."""

    def run(*extra: str) -> list[str]:
        db = open_db(seeded)
        before = load_provider(db)
        code, err = run_cli("import", valid_dir, "--db", seeded, *extra)
        assert code == Exit.BAD_INPUT
        assert err[-1].startswith("error:") and "nothing was imported" in err[-1]
        assert load_provider(db) == before
        db.close()
        return err[:-1]

    return run


def test_unknown_column(valid_dir, refused):
    path = valid_dir / "carers.csv"
    path.write_text("".join(line + ",9\n" for line in path.read_text().splitlines()).replace("pay_rate,9", "pay_rate,shoe_size"))
    problems = refused()
    assert len(problems) == 1
    assert problems[0].startswith("carers.csv:1: shoe_size: unknown column (expected id, name,")


def test_missing_required_column(valid_dir, refused):
    edit(valid_dir, "absences.csv", "id,carer_id,kind,", "id,carer_id,")
    edit(valid_dir, "absences.csv", "C001,leave,", "C001,")
    edit(valid_dir, "absences.csv", "C002,sickness,", "C002,")
    assert refused() == ["absences.csv:1: kind: required column is missing"]


def test_address_needs_postcode_or_coordinates(valid_dir, refused):
    edit(valid_dir, "clients.csv", "id,name,postcode,lat,lon,", "id,name,lat,")
    edit(valid_dir, "clients.csv", "P001,Client 001,CV3 1HF,,,", "P001,Client 001,52.4,")
    edit(valid_dir, "clients.csv", "P002,Client 002,CV5 6NP,,,", "P002,Client 002,52.4,")
    assert "clients.csv:1: postcode: required column is missing" in refused()


def test_bad_time(valid_dir, refused):
    edit(valid_dir, "schedules.csv", "lunch,\"mon,wed,fri\",12:00", "lunch,\"mon,wed,fri\",12.00")
    assert refused() == [
        "schedules.csv:3: window_start: '12.00' is not a time like 07:30 (or 26:00 for 02:00 after midnight)"
    ]


def test_window_ending_before_it_starts(valid_dir, refused):
    edit(valid_dir, "schedules.csv", "07:00,10:30,45", "10:00,09:30,45")
    assert refused() == ["schedules.csv:2: window_end: window ends before it starts (10:00-09:30)"]


def test_bad_date(valid_dir, refused):
    edit(valid_dir, "packages.csv", "2026-05-24", "2026-02-30")
    assert refused() == ["packages.csv:2: planned_end: '2026-02-30' is not a date like 2026-05-04"]


def test_bad_datetime(valid_dir, refused):
    edit(valid_dir, "absences.csv", "2026-05-07T00:00", "2026-05-07T00:00+01:00")
    assert refused() == ["absences.csv:2: end: '2026-05-07T00:00+01:00' is not a date and time like 2026-05-04T08:00"]


def test_unknown_transport(valid_dir, refused):
    edit(valid_dir, "carers.csv", ",foot,", ",bicycle,")
    assert refused() == ["carers.csv:3: transport: 'bicycle' is not one of car, public_transport, foot"]


def test_unknown_gender(valid_dir, refused):
    edit(valid_dir, "clients.csv", ",female,true", ",woman,true")
    assert refused() == ["clients.csv:2: preferred_gender: 'woman' is not one of female, male, other"]


def test_unknown_call_type(valid_dir, refused):
    edit(valid_dir, "schedules.csv", "K001,lunch,", "K001,brunch,")
    assert refused()[0].startswith("schedules.csv:3: call_type: 'brunch' is not one of morning, lunch, tea, bed")


def test_unknown_skill(valid_dir, refused):
    edit(valid_dir, "carers.csv", "hoist; dementia", "hoist; juggling")
    assert refused() == [
        "carers.csv:3: skills: 'juggling' not in the skills list "
        "(medication, hoist, catheter, peg, dementia, stoma, end_of_life)"
    ]


def test_unknown_postcode(valid_dir, refused):
    edit(valid_dir, "carers.csv", "CV2 4DX", "CV99 9ZZ")
    assert refused() == ["carers.csv:3: postcode: CV99 9ZZ is not a known postcode (give lat and lon instead)"]


def test_text_that_is_not_a_postcode(valid_dir, refused):
    edit(valid_dir, "clients.csv", "CV5 6NP", "Coventry")
    assert refused() == ["clients.csv:3: postcode: 'Coventry' is not a UK postcode"]


def test_latitude_without_longitude(valid_dir, refused):
    edit(valid_dir, "carers.csv", ",52.4,-1.51,", ",52.4,,")
    assert refused() == ["carers.csv:4: lon: is empty but lat is given (give both, or neither and a postcode)"]


def test_latitude_out_of_range(valid_dir, refused):
    edit(valid_dir, "carers.csv", ",52.4,-1.51,", ",152.4,-1.51,")
    assert refused() == ["carers.csv:4: lat: 152.4 is not a latitude"]


def test_duplicate_id_in_a_file(valid_dir, refused):
    edit(valid_dir, "absences.csv", "A002,", "A001,")
    assert refused() == ["absences.csv:3: id: A001 is a duplicate (first on line 2)"]


def test_duplicate_id_across_csv_and_json(valid_dir, refused):
    (valid_dir / "absences.json").write_text(
        '[\n  {"id": "A009", "carer_id": "C001", "kind": "training",\n'
        '   "start": "2026-05-11T09:00", "end": "2026-05-11T12:00"},\n'
        '  {"id": "A002", "carer_id": "C001", "kind": "leave",\n'
        '   "start": "2026-05-12", "end": "2026-05-13"}\n]\n'
    )
    assert refused() == ["absences.json:4: id: A002 is a duplicate (first on absences.csv:3)"]


def test_reference_to_unknown_carer(valid_dir, refused):
    edit(valid_dir, "absences.csv", "A002,C002,", "A002,C099,")
    assert refused() == ["absences.csv:3: carer_id: carer C099 is not in the import or the database"]


def test_reference_to_unknown_client(valid_dir, refused):
    edit(valid_dir, "packages.csv", "K002,P002,", "K002,P404,")
    assert refused() == ["packages.csv:3: client_id: client P404 is not in the import or the database"]


def test_reference_to_unknown_package(valid_dir, refused):
    edit(valid_dir, "schedules.csv", "S002-1,K002,", "S002-1,K777,")
    assert refused() == ["schedules.csv:4: package_id: package K777 is not in the import or the database"]


def test_preferred_carer_unknown(valid_dir, refused):
    edit(valid_dir, "clients.csv", ",C002,C001,", ",C002,C001; C404,")
    assert refused() == ["clients.csv:2: preferred_carers: carer C404 is not in the import or the database"]


def test_visit_needing_a_skill_no_carer_has(valid_dir, refused):
    edit(valid_dir, "schedules.csv", ",1,medication,2026", ",1,medication; peg,2026")
    assert refused() == ["schedules.csv:3: skills: no carer has medication, peg"]


def test_double_up_needing_two_skilled_carers(valid_dir, refused):
    edit(valid_dir, "schedules.csv", ",45,2,hoist,", ",45,2,dementia,")
    assert refused() == ["schedules.csv:2: skills: the visit needs 2 carers with dementia but only 1 has"]


def test_package_longer_than_six_weeks(valid_dir, refused):
    edit(valid_dir, "packages.csv", "2026-06-10", "2026-06-30")
    assert refused() == ["packages.csv:3: planned_end: runs 56 days, more than the 42-day reablement limit"]


def test_domain_rule_overlapping_shifts(valid_dir, refused):
    edit(valid_dir, "carers.csv", "wed 07:00-14:00; thu", "wed 07:00-14:00; wed 13:00-15:00; thu")
    assert refused() == ["carers.csv:3: availability: wed shifts overlap (07:00-14:00 and 13:00-15:00)"]


def test_domain_rule_three_carers(valid_dir, refused):
    edit(valid_dir, "schedules.csv", ",45,2,hoist,", ",45,3,hoist,")
    assert refused() == ["schedules.csv:2: carers_needed: 3 must be 1 or 2"]


def test_shift_ending_before_it_starts(valid_dir, refused):
    edit(valid_dir, "carers.csv", "tue 07:00-14:00", "tue 14:00-07:00")
    assert refused() == ["carers.csv:2: availability: tue shift ends before it starts (14:00-07:00)"]


def test_gender_required_without_gender(valid_dir, refused):
    edit(valid_dir, "clients.csv", ",female,true", ",,true")
    assert refused() == ["clients.csv:2: gender_required: is set but preferred_gender is empty"]


def test_empty_required_cell(valid_dir, refused):
    edit(valid_dir, "carers.csv", "C002,Carer B,", "C002,,")
    assert refused() == ["carers.csv:3: name: is empty"]


def test_row_of_the_wrong_length(valid_dir, refused):
    edit(valid_dir, "packages.csv", "wash and dress independently", "wash, dress")
    assert refused() == ["packages.csv:2: row has 7 cells, the header has 6"]


def test_not_utf8(valid_dir, refused):
    path = valid_dir / "clients.csv"
    path.write_bytes(path.read_bytes().replace(b"side door", "side door \u00e9".encode("latin-1")))
    [message] = refused()
    assert message.startswith("clients.csv:2: is not UTF-8 text: byte ") and "is 0xe9" in message


def test_stray_quote_inside_a_cell(valid_dir, refused):
    edit(valid_dir, "clients.csv", "Client 002", 'Client "002')
    assert 'clients.csv:3: name: has a " inside a cell that is not quoted' in "\n".join(refused())


def test_json_number_of_thousands_of_digits(valid_dir, refused):
    (valid_dir / "absences.csv").unlink()
    (valid_dir / "absences.json").write_text(
        '[{"id": "A009", "carer_id": "C001", "kind": "leave", "start": "2026-05-11", "end": "2026-05-13", '
        '"note": ' + "9" * 5000 + '}]', encoding="utf-8")
    assert refused() == ["absences.json:1: note: expected text, got a number of 5000 digits"]


def test_json_line_numbers_stay_right_after_many_records():
    from roster.io.read import read_json

    text = "[\n" + ",\n".join('{"id": "A%d"}' % i for i in range(500)) + "\n]"
    assert [r.line for r in read_json(text, "x.json").records] == list(range(2, 502))


def test_every_problem_is_reported_not_just_the_first(valid_dir, refused):
    edit(valid_dir, "carers.csv", ",foot,", ",bicycle,")
    edit(valid_dir, "carers.csv", "37.5,female", "lots,female")
    edit(valid_dir, "schedules.csv", "07:00,10:30,45", "10:00,09:30,45")
    edit(valid_dir, "absences.csv", "A002,C002,", "A002,C099,")
    assert refused() == [
        "carers.csv:2: contracted_hours: 'lots' is not a number",
        "carers.csv:3: transport: 'bicycle' is not one of car, public_transport, foot",
        "schedules.csv:2: window_end: window ends before it starts (10:00-09:30)",
        "absences.csv:3: carer_id: carer C099 is not in the import or the database",
    ]


def test_json_problems_name_the_line_of_the_object(valid_dir, refused):
    (valid_dir / "absences.csv").unlink()
    (valid_dir / "absences.json").write_text(
        '[\n  {"id": "A001", "carer_id": "C001", "kind": "leave",\n'
        '   "start": "2026-05-05T00:00", "end": "2026-05-07T00:00"},\n'
        '  {"id": "A002", "carer_id": "C001", "kind": "holiday", "colour": "red",\n'
        '   "start": "2026-05-05T00:00", "end": 7}\n]\n'
    )
    assert refused() == [
        "absences.json:4: colour: unknown column (expected id, carer_id, kind, start, end, note)",
        "absences.json:4: kind: 'holiday' is not one of leave, sickness, training",
        "absences.json:4: end: expected text, got a number",
    ]


def test_invalid_json(valid_dir, refused):
    (valid_dir / "carers.csv").unlink()
    (valid_dir / "carers.json").write_text('[\n  {"id": "C001",\n   "name": "Carer A"\n  \n')
    assert refused() == ["carers.json:5: invalid JSON: Expecting ',' delimiter"]


def test_replace_that_would_orphan_stored_records(seeded, valid_dir, refused):
    (valid_dir / "absences.csv").unlink()
    edit(valid_dir, "carers.csv", "C002,Carer B,CV2 4DX,,,foot,hoist; dementia,wed 07:00-14:00; thu 07:00-14:00,20,male,false,true,true,13.10\n", "")
    edit(valid_dir, "clients.csv", ",C002,C001,", ",,C001,")
    edit(valid_dir, "schedules.csv", ",45,2,hoist,", ",45,1,hoist,")
    assert refused("--replace") == [
        "database: carer_id: absence A002 refers to carer C002, which --replace would remove "
        "(import absences as well, or keep carer C002)"
    ]
