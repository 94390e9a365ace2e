"""A valid set of import files (generated names, real Coventry postcodes) and a helper to break them."""

from pathlib import Path

CARERS = """\
id,name,postcode,lat,lon,transport,skills,availability,contracted_hours,gender,night_worker,day_worker,opted_out_48h,pay_rate
C001,Carer A,CV1 5FB,,,car,medication; hoist,mon 07:00-14:00; mon 16:30-22:00; tue 07:00-14:00,37.5,female,false,true,false,12.71
C002,Carer B,CV2 4DX,,,foot,hoist; dementia,wed 07:00-14:00; thu 07:00-14:00,20,male,false,true,true,13.10
C003,Carer C,,52.4,-1.51,public_transport,medication,mon 22:00-30:30; tue 22:00-30:30,30,other,true,false,false,13.50
"""
CLIENTS = """\
id,name,postcode,lat,lon,access_notes,declined_carers,preferred_carers,preferred_gender,gender_required
P001,Client 001,CV3 1HF,,,"key safe 1234, side door",C002,C001,female,true
P002,Client 002,CV5 6NP,,,,,,,
"""
PACKAGES = """\
id,client_id,start,planned_end,referral,goals
K001,P001,2026-05-04,2026-05-24,hospital_discharge,wash and dress independently
K002,P002,2026-05-06,2026-06-10,community,
"""
SCHEDULES = """\
id,package_id,call_type,weekdays,window_start,window_end,duration,carers_needed,skills,valid_from,valid_to,fixed_time,service,short_check_agreed,optional
S001-1,K001,morning,daily,07:00,10:30,45,2,hoist,,,false,day,false,false
S001-2,K001,lunch,"mon,wed,fri",12:00,12:30,30,1,medication,2026-05-04,2026-05-17,true,day,false,false
S002-1,K002,night,weekdays,25:00,26:00,15,1,,,,false,night,true,true
"""
ABSENCES = """\
id,carer_id,kind,start,end,note
A001,C001,leave,2026-05-05T00:00,2026-05-07T00:00,booked
A002,C002,sickness,2026-05-06T07:00:00,2026-05-06T14:00:00,
"""
FILES = {"carers.csv": CARERS, "clients.csv": CLIENTS, "packages.csv": PACKAGES,
         "schedules.csv": SCHEDULES, "absences.csv": ABSENCES}


def edit(folder: Path, name: str, old: str, new: str) -> None:
    """Replace text in one of the files, failing loudly if the text is not there."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
