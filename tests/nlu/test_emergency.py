"""The emergency rule screen: every triage category, lay words and typos, negation and history."""

from __future__ import annotations

import pytest

from nlu.emergency import CATEGORY_IDS, Screen, detect_emergency, is_emergency, screen
from nlu.emergency.normalise import normalise
from nlu.pipeline import (
    MODEL_EMERGENCY_MIN,
    MODEL_EMERGENCY_WITH_RED_FLAG_MIN,
    is_emergency_parse,
)

POSITIVES = [
    ("my chest is crushing and my arm is numb", "chest_pain"),
    ("chest pain and can't breathe", "chest_pain"),
    ("I think I'm having a heart attack", "chest_pain"),
    ("pain going down my left arm and into my jaw", "chest_pain"),
    ("my dad's face is drooping and his speech is slurred", "stroke"),
    ("sudden numbness on one side of my body", "stroke"),
    ("worst headache of my life, came on suddenly", "stroke"),
    ("I can't breathe", "breathing"),
    ("cant breath", "breathing"),
    ("really struggling to breathe", "breathing"),
    ("her lips are turning blue", "breathing"),
    ("bleeding heavily and it won't stop", "bleeding"),
    ("he's coughing up blood", "bleeding"),
    ("I took too many pills", "poisoning_overdose"),
    ("my friend took a whole bottle of tylenol", "poisoning_overdose"),
    ("my toddler swallowed a button battery", "poisoning_overdose"),
    ("my daughter drank bleach", "poisoning_overdose"),
    ("throat is closing up after eating peanuts", "anaphylaxis"),
    ("severe allergic reaction, can't swallow", "anaphylaxis"),
    ("used my epipen and still feel awful", "anaphylaxis"),
    ("he collapsed and is unresponsive", "collapse_seizure"),
    ("she's having a seizure", "collapse_seizure"),
    ("I want to kill myself", "self_harm"),
    ("I've been thinking about ending it all", "self_harm"),
    ("everyone would be better off without me", "self_harm"),
    ("i don't want to be here anymore", "self_harm"),
    ("I just want to go to sleep and never wake up", "self_harm"),
    ("nobody would miss me if I was gone", "self_harm"),
    ("I can't see the point in living anymore", "self_harm"),
    ("I've been saving up my pills", "self_harm"),
    ("I'm going to end it tonight", "self_harm"),
    ("i keep hurting myself", "self_harm"),
    ("I just want it all to end", "self_harm"),
    ("my baby isn't breathing", None),
    ("my son stopped breathing", None),
    ("i just want to end it", "self_harm"),
    ("I want to end my life", "self_harm"),
    ("my baby is floppy and won't wake up", None),
]

#: One set per triage category, in lay words, typos and non-native phrasings.
BY_CATEGORY = [
    ("feels like a tight band round my chest and I'm all sweaty", 'chest_pain'),
    ('my husband says his chest feels heavy and his left arm is tingling', 'chest_pain'),
    ('chest pian spreading to my back, feel sick and clammy', 'chest_pain'),
    ('there is big pressure in my chest since 20 minutes, I am scared', 'chest_pain'),
    ("mum is holding her chest and can't talk properly, she's grey", 'chest_pain'),
    ('ive got a stabbing pain in the centre of my chest and its hard to breathe', 'chest_pain'),
    ('my mums mouth has gone droopy on one side and she cant lift her arm', 'stroke'),
    ('his smile is lopsided all of a sudden', 'stroke'),
    ('i suddenly cant see out of my left eye, like a curtain came down', 'stroke'),
    ('my wife is talking but the words are all jumbled up', 'stroke'),
    ("dad's left side went numb out of nowhere and he is dizzy", 'stroke'),
    ('my grandad cannot lift his right arm since 10 minutes and his speech is strange', 'stroke'),
    ('my husband is struggling for breath and his lips look a bit blue', 'breathing'),
    ("i cant get enough air in, it's getting worse", 'breathing'),
    ('she is breathing really fast and her ribs are sucking in', 'breathing'),
    ('my asthma is really bad, used my inhaler 10 times and no difference', 'breathing'),
    ('grandad is gasping for air', 'breathing'),
    ('my throat feels like its closing and i can barely breath', 'breathing'),
    ("I sliced my hand with a knife and it won't stop bleeding", 'bleeding'),
    ('theres so much blood coming from his head wound', 'bleeding'),
    ('my leg is pouring with blood after I fell on glass', 'bleeding'),
    ("she's been throwing up blood", 'bleeding'),
    ('the cut is really deep and gaping, you can see inside', 'bleeding'),
    ('bleeding through three towels already', 'bleeding'),
    ('my 2 year old drank some dishwasher liquid', 'poisoning_overdose'),
    ("toddler ate a few of grandma's heart pills", 'poisoning_overdose'),
    ('I took 30 paracetamol an hour ago', 'poisoning_overdose'),
    ('my flatmate took a load of pills with vodka and is out of it', 'poisoning_overdose'),
    ('my boy put a button battery in his mouth and i think he swallowed it', 'poisoning_overdose'),
    ('my daughter got into the cupboard and drank white spirit', 'poisoning_overdose'),
    ('after eating prawns my tongue is swelling up', 'anaphylaxis'),
    ('stung by a wasp and now my face is puffing up and my throat feels tight', 'anaphylaxis'),
    ("her lips are huge after the peanut butter and she's wheezy", 'anaphylaxis'),
    ('having an allergic reaction, my throat is getting tight', 'anaphylaxis'),
    ("I think I'm in anaphylactic shock", 'anaphylaxis'),
    ('my son ate a cashew and now he has hives everywhere and is coughing and cant swallow', 'anaphylaxis'),
    ('my husband just collapsed in the kitchen', 'collapse_seizure'),
    ("she fainted and now she won't wake up", 'collapse_seizure'),
    ("my son is having a fit and it's been going for 6 minutes", 'collapse_seizure'),
    ('grandma fell and is not responding to me', 'collapse_seizure'),
    ("he's shaking all over and his eyes rolled back", 'collapse_seizure'),
    ('my friend passed out and is not waking', 'collapse_seizure'),
    ('i dont want to be alive any more', 'self_harm'),
    ("I've been planning how to kill myself", 'self_harm'),
    ("I can't keep myself safe tonight", 'self_harm'),
    ('i have a bottle of pills next to me and i want to take them all', 'self_harm'),
    ('everyone would be better without me here', 'self_harm'),
    ("I'm scared I'll hurt myself tonight", 'self_harm'),
    ("I'm 32 weeks pregnant and bleeding", 'pregnancy'),
    ('my waters just went and the fluid is green', 'pregnancy'),
    ('contractions are 3 minutes apart and really strong', 'pregnancy'),
    ("I'm 36 weeks and haven't felt the baby move all day", 'pregnancy'),
    ('im pregnant and have a terrible headache and my vision is blurry', 'pregnancy'),
    ('my wife is in labour and the baby is coming fast', 'pregnancy'),
    ('my 6 week old has a temperature of 38.5', 'infant_child'),
    ("newborn feels very hot and won't feed", 'infant_child'),
    ('my baby is really floppy and not responding to me', 'infant_child'),
    ('my toddler went blue and limp', 'infant_child'),
    ('baby has a bulging soft spot and is very sleepy', 'infant_child'),
    ('my 5 week old baby has a fever', 'infant_child'),
    ('my blood sugar is 2.1 and i feel confused', 'diabetic'),
    ("my son is diabetic and he's very drowsy and not making sense", 'diabetic'),
    ('having a hypo and it wont come up, feel really shaky and confused', 'diabetic'),
    ('my sugar reading says HI and i keep vomiting', 'diabetic'),
    ("dad's sugar is really low and he's acting drunk", 'diabetic'),
    ("my glucose is 35 and I'm sweating and shaking", 'diabetic'),
    ('he has a high fever and a stiff neck and the light hurts his eyes', 'sepsis_meningitis_other'),
    ("her skin is mottled and she's got a fever and is really confused", 'sepsis_meningitis_other'),
    ("purple rash on my daughter that doesn't fade under a glass", 'sepsis_meningitis_other'),
    ('I think my dad has sepsis', 'sepsis_meningitis_other'),
    ('my son got burned by boiling water all over his chest', 'sepsis_meningitis_other'),
    ("I think I'm dying", 'sepsis_meningitis_other'),
]

#: More emergencies as people type them in a hurry: no words the lexicon was written from.
MORE_EMERGENCIES = [
    'dad says its like an elephant sat on him, chest, sweating buckets',
    'my chest feel very heavy and pain go to my neck and back',
    'tight chest n arm feels weird, feel faint',
    'I have pain in heart area very bad and I am vomiting',
    'husband has had central chest pain for 30 min, grey and clammy',
    'my mother face one side fall down and she cannot speak',
    'dads speech went all slurry and he dropped his cup, his hand wont grip',
    'suddenly everything is double and i cant walk straight',
    'my wife cant raise her arms, one keeps drifting down, and her words are weird',
    'grandma is confused and the right side of her face is not moving',
    "my daughter can't stop coughing and can hardly get a breath",
    "he is wheezing and can't finish a sentence",
    'breathing very hard, lips purple',
    "my baby's breathing is really noisy and fast and his tummy is sucking in",
    'I am not able to take breath properly, very scared',
    'my son fell through a glass door and there is blood spurting from his arm',
    'i cut my wrist by accident on a tin and it keeps bleeding through the plaster',
    'heavy bleeding from down below, soaking a pad every half hour',
    'nose is pouring blood for an hour, wont stop',
    'my dad has blood in his poo, lots of it, and he is dizzy',
    'my kid drunk some of the mouthwash, a whole lot',
    'I think my toddler licked a laundry pod',
    'I took a double dose of my warfarin by mistake',
    'my sister has taken all her antidepressants',
    'child swallowed a magnet',
    'my mum took too much of her morphine and she is very sleepy',
    'face swelling up after new antibiotic, and throat feel strange',
    "I ate something with sesame and my mouth is tingling and swollen and I'm struggling to swallow",
    'bee sting, now hives all over and feeling faint',
    'his eyes and lips are swollen shut after the nuts',
    "my dad just dropped to the floor and isn't answering",
    'my wife is fitting on the floor',
    "he's having a seizure for more than five minutes",
    'mother found on floor, not waking up properly',
    'my son blacked out at football and is still groggy',
    'i want to end everything tonight',
    'I just want to die',
    'i cut myself really deep',
    "i've taken an overdose",
    'tonight is the night i end it',
    'i have decided to kill myself',
    'life has no meaning anymore and i have the rope',
    'my water broke and i am only 30 weeks',
    "I'm pregnant and I have really bad pain on one side and I'm bleeding",
    '34 weeks, lots of bright red blood',
    'contractions every 2 min',
    "pregnant, severe tummy pain that won't go away",
    "i'm 38 weeks and the baby hasn't moved since yesterday",
    'my 3 week old is very hot and not feeding',
    'baby 7 weeks has temp 38',
    'my baby is grunting with every breath and looks grey',
    "newborn won't wake up for feeds and is floppy",
    'my 1 month old has a fever of 38.4',
    "my husbands sugar is 1.9 and he's not making sense",
    'type 1 diabetic, blood sugar 28 and vomiting, ketones high',
    "my son is having a bad hypo and can't swallow the glucose",
    'diabetic dad is sweaty, shaking and confused',
    'sugar level very low and i feel like passing out',
    "my son has a rash that won't fade when I press a glass on it",
    "fever, shivering uncontrollably and I haven't peed all day",
    'my leg is bent the wrong way after the fall',
    "he fell off the ladder and hit his head, now he's being sick",
    'sudden agonising pain in my testicle',
    'I got bleach in my eye',
    'my daughter has a headache, stiff neck and a temperature',
    "he's been electrocuted",
    'chest pain. sweating. 62M',
    'cant breathe help',
    'baby not breathing',
    'bleeding wont stop',
    'overdose',
    'seizure 10 mins',
    'stroke symptoms mum',
    'waters broke bleeding',
    'took 40 tablets',
    'suicidal',
    'kid ate rat poison',
    'sugar 1.5 confused',
    'my husband he has very strong pain in the chest, he is white colour and sweat',
    'my mother she cannot to speak good, the mouth is going to one side',
    'my son is breathing very difficult, his lips is blue colour',
    'I am cut my hand with knife, the blood is not stopping',
    'my baby have 5 weeks and the temperature is 38.7',
    'the child drink petrol from bottle',
    'my wife she is fainting and not wake up',
    'I am pregnant 8 month and the water is coming with blood',
    'I want to finish my life, I have no more power',
    'my father is diabetic, sugar very low, he is not answering and sweating',
    'he eat peanut and the face and throat is big, he cannot breathe good',
    'my daughter has fever and the neck is very stiff, she cry from light',
    "I care for my neighbour, she's on the floor, very cold, won't talk to me",
    "calling for my mum, her face looks strange and she can't hold her cup",
    'my client with learning disabilities has been fitting for 7 mins',
    "my brother has taken something, his pupils are tiny and he's barely breathing",
    "my elderly dad is very confused today and burning up with a fever, he's not himself",
    'my partner has been self harming and the cut is very deep',
    "mi hijo can't breathe, please help",
    'my nan is having a stroke I think, her arm is dropping',
    "help he's choking on a grape",
    "my daughter swallowed a coin and now she's drooling and can't swallow",
    'full stop my husband collapsed comma he is not breathing',
    'my baby is one month old and has a temperature of thirty eight',
    "I've been thinking everyone would be better off if I just wasn't here",
    'Tonight I plan to take all my tablets',
    "I don't see a way out anymore and I've got the pills",
    "I feel like I'm going to do something to myself",
    "I'm not going to be here tomorrow, I've made my decision",
    "there's no point anymore, I've said goodbye to my kids",
    "hi can I book an appointment for my dad, he's got a crushing pain in his chest",
    'could I get a follow up appointment today, my face has gone droopy on the left',
    "I'd like to book in, my son swallowed some bleach about 10 minutes ago",
    "can I get a repeat prescription, also I've been coughing up blood this morning",
    "appointment for my baby please, she's 3 weeks old and has a temperature of 38",
    "do you have anything this afternoon, I'm 33 weeks and I've had some bleeding",
    "can I see the nurse about my diabetes, my sugar is 2.4 and I'm really shaky and confused",
    "is there a slot today, my wife's lips and tongue have swollen up after a new tablet and she sounds wheezy",
    "I need my review booked but also I've been having thoughts of ending my life",
    "can someone check my results, and also my husband just had a fit and isn't waking up properly",
    "So I was at my sister's yesterday and we had a lovely lunch and then today I woke up and honestly the whole left side of my body feels numb and my speech is weird and I don't know what to do",
    "Sorry to bother you, I know you're busy, I had a heart attack 5 years ago and now I have the same crushing chest pain again",
    "last year I had sepsis and now I've got the same symptoms, fever, shaking, confused",
    "I've got my annual review next week but I think I might be having a stroke, my arm is weak and my face is numb",
    'my husband is having chest pains and he is sweating a lot and he feels sick period',
    'my son has swallowed one of those little round batteries from the remote',
    'help my dad has gone very pale and is not making any sense and his blood sugar meter says low',
    'she has been sick three times after banging her head on the door frame and she is very sleepy',
    'I am 35 weeks and my waters have gone and there is a lot of blood',
    'my wife cannot move her right arm or leg and her speech is slurred',
    'my friend has taken too many of her sleeping tablets and wont wake up',
    'HELP PLEASE my baby is blue',
    "oh god he's not breathing what do I do",
    'PLEASE SOMEONE my wife collapsed',
    "there's so much blood i cant make it stop please",
    'my son is fitting and it wont stop!!!',
    'quick my daughter ate some of the pills in my bag',
    "Hi, sorry, I'm not sure if this is the right place but my mum is 82 and lives with us and this morning she just didn't seem right, she was mixing up her words and then when she tried to stand her left leg just gave way and she seemed confused, she's sitting down now",
    "I don't really know how to say this and I've never told anyone but I've been feeling like this for months and last night I stood on the bridge near my house and I'm scared I'll go back tonight",
    "So my little boy is 18 months and he's had a cold for a few days which I thought was nothing but today he's really floppy, won't drink anything and he's breathing really fast and his lips look a bit blue",
    "my husband has type 1 diabetes and he went to bed early saying he felt rough, I've just gone in and he's drenched in sweat and I can't get him to wake up properly, he's mumbling",
    "I'm 24 weeks pregnant with my first and I've had the worst headache for hours, paracetamol isn't touching it, and I keep seeing flashing lights and my hands and face have puffed up",
    "My daughter has had a temperature since yesterday and I've been giving her calpol but now she has these tiny purple spots on her tummy and legs and she's really drowsy",
    "I was cutting vegetables and the knife slipped and I've cut the tip of my finger nearly off, it's bleeding a lot",
    "my dad's heart is fluttering like mad and he's gone grey and says he might faint",
    "grandma's gone all floppy on one side",
    "my wife has got a really bad asthma attack and the blue inhaler isn't helping",
    'my son got stung by a bee and now his tongue is swelling',
    "I've just found my flatmate, there's an empty bottle of vodka and pill packets, she's not responding",
    "I think my grandad's had a heart attack",
    'my sugars are 2.2 and i cant think straight',
    "daughter T1D, BG 1.8, shaking, won't eat anything",
    'hypo, cant get sugar up, feeling v confused',
    'my wife is diabetic and she is passed out on the sofa',
    'blood sugar reading HI and he is breathing deep and fast',
    'my sons sugar wont go up even after juice and he is very sleepy',
    'bg 33 mmol and vomiting all night, ketones 3.5',
    'my mom sugar is too low she is talking nonsense',
    'alergic reacshun my throat is swelling',
    'after the injection at the pharmacy i feel faint and my face is swelling up',
    'my son has nut allergy and ate a cookie, now vomiting and his voice is hoarse and he is wheezing',
    'wasp sting on the neck and now my whole face is puffy and its hard to swallow',
    'my tongue feel thick and big after the new medicine',
    "I'm covered in hives and I feel like I'm going to pass out",
    'my son drank from a bottle of bleech',
    'my 3yo got into the medicine cabinet and ate some tablets, dont know how many',
    'she has swallowed a battery',
    'toddler chewed on a dishwasher tablet',
    "my dad took his tablets twice today by mistake, he's on heart pills",
    'accidentaly gave my baby 10ml calpol instead of 2.5ml',
    "my mate has taken some pills at a party and he's fitting",
    'my friend drank antifreeze',
    'my son has a very high temperature and is really floppy and has a rash',
    'my dad has pneumonia and is now blue around the lips and confused',
    "I have a fever of 40 and feel like I'm dying",
    "my husband fell off a ladder and can't feel his legs",
    "my son got hit in the eye with a stick and can't see out of it",
    'my hand got crushed in a machine at work',
    "I've got sudden terrible pain in my back and stomach and I feel faint",
    'my dad is very cold, shivering, and his speech is slow after being outside all night',
    'my grandma has been vomiting blood',
    'chemical splashed in my eyes at work',
    "dog bit my son's face, it's bleeding a lot",
    'my son was electrocuted by a socket',
    'mum collapsed n not wakin up',
    'bby v floppy n hot, 6wks',
    'hubby chest pains n sweatin loads',
    'cnt breeve',
    'dad face gone funny 1 side cant talk rite',
    'son took loads of my tabs',
    "gf od'd on paracetamol",
    'waters gone, 32wks, bleedin',
    'contractions 2 mins apart help',
    'lips swellin up after nuts cant swallow',
    'my sugar 2.0 n shakin bad',
    'sum1 cut themselves bad blood everywhere',
    'i want 2 die',
    'wanna end it all tbh',
    'my little girl ate sum dishwasher tabs',
    'head injury, vomiting, v sleepy',
    'my wife has a crushing pain in the middle of her chest full stop she is sweating',
    'my son is having a seizure comma it has been going on for six minutes',
    "I think my husband is having a stroke his face is lopsided new line he can't lift his arm",
    'my daughter has swallowed a button battery from a toy',
    'the baby is not breathing properly and is making a grunting noise',
    'PLEASE HELP my husband isnt breathing',
    "oh my god there's blood everywhere he cut his arm on the window",
    "she's not waking up she's not waking up",
    'HE TOOK ALL HIS PILLS',
    'my baby is turning blue help',
    "I can't stop shaking and my sugar is 1.7",
    'my waters broke and I can feel something coming out',
    'can I get seen today, my throat is swelling after a wasp sting',
    'can you fit me in this morning, my baby is 4 weeks old and has a temperature of 38.5',
    'need an appt asap, husband slurring words and face drooping',
    "can someone ring me back, my son's rash won't fade with a glass and he's got a fever",
    "I'd like to book but my chest has been tight for an hour and it's going down my arm",
    'So we were at a restaurant and my son had a bit of a dish that must have had sesame in it and now, about twenty minutes later, his lips are swelling and he keeps clearing his throat and says it feels funny',
    "I don't want to overreact but my wife has been getting more and more breathless over the last hour, she can only say a few words at a time and she looks pale",
    "I was chopping wood and the axe slipped, there's a deep gash in my shin and the blood is pumping out",
    "Not sure who else to ask, my dad has had indigestion all evening but now it's a heavy pain across his chest and into his left arm and he's sweating",
    "my friend was stung by a bee at the picnic and now she's covered in blotches, her voice sounds strange and she says her throat is tight",
    "my mum has COPD and today her breathing is much worse than usual, her lips are bluish and she's very drowsy",
    "I've just had a tooth out this afternoon and it hasn't stopped bleeding for three hours, I've gone through all the gauze",
    "my grandad cut his leg on the garden fence, he's on warfarin and it won't stop bleeding even with pressure",
    "I had a cold but tonight I suddenly can't catch my breath and I have a sharp pain in my chest when I breathe in",
    "my husband ate some shellfish and he's got hives and now he's collapsed",
    "I've taken an allergy tablet but my tongue is still getting bigger",
    "coughing and coughing, can't get a breath in between, going purple",
    "my son's nose has been pouring blood for forty minutes and he's gone really pale and dizzy",
    "there's a lot of blood in the toilet after I went and I feel like I'm going to faint",
]

NEGATIVES = [
    "rash for a week, can I book",
    "please end my appointment early",  # "end my ..." names what ends: not self-harm
    "I want to finish my forms",
    "I have a sore throat and a runny nose",
    "need a follow up after my stroke last year",
    "no chest pain, just a cough",
    "can I book a physical",
    "my back hurts when I bend over",
    "stop the appointment on friday",
    "my kid has had a fever since yesterday",
    "headache for 2 days, can I see someone",
    "I need a refill of my inhaler",
    "can I get the flu shot",
    "chest infection I think, coughing a lot",
    "I get a bit short of breath when I run",
    "is the emergency contact on my file correct?",
    "I'm dying to know my test results lol",
    "my knee is killing me, can I see the physio",
    "can I get my blood pressure checked",
    "I had a heart attack in 2019 and need my annual review",
    "my ears are blocked",
    "why was I charged $80?",
    "I cut my finger on paper",
    "mild allergies, can I get antihistamines",
    "what time do you close",
    "I'm tired all the time, can I get bloods done",

    "I'd like to book my annual asthma review",
    'can I get a repeat of my epipen prescription',
    'my baby has a cold and a runny nose, can we come in tomorrow',
    "can I cancel, my baby has a fever so we're staying home",
    'my 4 year old has a temperature, can someone see him this week',
    'is the flu shot safe in pregnancy',
    "I'm pregnant and need to book my 20 week scan",
    'please update my emergency contact to my husband',
    'follow up after my heart attack in 2021',
    'I had a seizure 3 years ago, I need a letter for the DVLA',
    'need a follow up for my chest infection',
    'cut my finger last week, can the nurse check the stitches',
    "my dad's been more forgetful lately, can we get him assessed",
    'can I book a diabetic review and foot check',
    'I want to talk about my blood sugar readings',
    'no chest pain, just a bit of a cough',
    'not bleeding anymore but the bruise is big',
    'the bleeding has stopped, can someone look at it tomorrow',
    'my friend had a stroke last year, what are the signs to look out for',
    'I need to end my appointment early',
    'I want to finish my forms',
    'can I take ibuprofen while breastfeeding',
    'my nose bleeds sometimes in winter',
    'I get breathless walking up hills, is that my weight',
    'my heart races when I drink coffee',
    'is there a first aid course at the practice',
    'what should I do if someone has a seizure, just curious',
    "my son has a rash on his arm, it's itchy",
    'my knee is killing me after football',
    "I'm dying for a coffee, what time do you open",
    'this form is killing me lol',
    'I fainted once last year after giving blood',
    'my wife had a miscarriage last year and we want to talk about trying again',
    'my newborn needs her 8 week jabs',
    "book my baby's 6 week check please",
    "I accidentally took my morning pill twice, is that ok? it's just vitamin D",
    "I've had a bit of chest tightness with my cold, can I get seen this week",
    'I need a sick note, I had the flu',
    "my mum's had a stroke in the past and needs her blood pressure meds",
    "I want to book a smear test, I've had some spotting between periods",
    "my nose bleeds a lot when it's hot",
    "can I get some cream for my burn from the oven, it's a small blister",
    'my son fell off his bike and grazed his knee',
    'my daughter has hay fever and her eyes are puffy',
    'my blood sugar was 9 this morning, is that ok',
    'can I have a hypo kit prescription',
    'my waterproof jacket got left in the waiting room',
    "I'm in labour ward next week for my induction, do I need to bring anything",
    "I'm worried about my drinking, can I talk to someone",
    'I feel low and anxious lately, can I see a counsellor',
    'feeling a bit down, need to talk to a gp about it',
    'can I get the meningitis vaccine before uni',
    'my child has chickenpox spots, do I keep him off school',
    'my dad fell last month and bruised his hip, can he see the physio',
    'I have a headache since this morning, need some advice',
    'my husband snores loudly',
    'my heart rate is a bit high on my watch after running',
    "I've been coughing for 3 weeks, should I get an x ray",
    'my baby is teething and has a slight temperature',
    'my 2 month old needs her vaccinations',
    "can I cancel, my little boy has a fever so we'll stay home",
    'my cut is healing well, when should the stitches come out',
    'I burned my tongue on hot tea',
    'the pain in my chest from the shingles rash is still there',
    'my eczema is bleeding a bit from scratching',
    "I'm out of my insulin pens, can I get a repeat today",
    'chest physio appointment please',
    'need a sick note for my stroke recovery',
    'my mum needs a carer assessment after her fall last year',
    "my baby has a temperature after her jabs, she's 4 months, is calpol ok",
    "my son is 8 and has a temperature of 38, he's watching tv",
    'can I get my blood sugar meter replaced',
    'my sugar has been running low in the mornings, can I see the diabetes nurse',
    "I'm 12 weeks pregnant and need my booking appointment",
    'how many weeks pregnant am I if my last period was in january',
    'I had bleeding in early pregnancy last time, can I get an early scan',
    'I take my tablets every morning, can I get a repeat',
    'I need to stop taking my antidepressants, can I talk to the doctor',
    'my daughter is self-harm free for a year, can we cancel her CAMHS follow up',
    "I've been feeling low, not suicidal, just want to talk to someone",
    'my son chokes on his food sometimes, should he see a speech therapist',
    'my dad has a heart condition and needs his INR checked',
    'I have chest pain when I press on my ribs after a fall last week',
    "I'm breathless with my asthma in the cold weather, can I get a review",
    'my child swallowed a grape seed, is that ok',
    'book me in to discuss my seizure medication',
    "I'd like to donate blood",
    'my blood pressure is high, can I get it checked',
    'can I get a flu jab for my 2 month old',
    "my toddler bumped his head on the table, he's fine and playing",
    'had a panic attack last night, feeling ok now, can I talk to someone',
    'is it normal to bleed after a smear test',
    'my newborn has a blocked nose, any tips',
    "I'm a diabetic and would like to book my eye screening",
    'can someone call me about my overdose of vitamin D results',
    'my wife is pregnant and craving ice, is that normal',
    "Hi, sorry, this is a long one. My mum had a stroke back in 2019 and she's been doing really well since, but her physio sessions stopped and she'd like to start them again, could we book something in the next few weeks?",
    "I've been having some chest tightness when I'm anxious, it goes away when I calm down, could I talk to someone about anxiety",
    "my son fell over at school and bumped his head, the school called but he's absolutely fine and playing, do we need to bring him in",
    "my daughter's period is heavy and she's tired, could she have a blood test",
    "I cut myself shaving and it bled for ages, it's fine now, just wondering if that's normal with my blood thinners",
    "my husband's diabetic and his sugar was a bit low yesterday, he had some juice and was fine, should he change his insulin dose",
    "I'm 39 weeks pregnant and feeling fine, just wanted to check when my next midwife appointment is",
    'my 10 week old baby is a bit snuffly but feeding well, no temperature, should we come in',
    'had a hypo last night but sorted it with jelly babies, can I get more test strips',
    "the baby is due in 3 weeks and we want to register her with the practice after she's born",
    'I get dizzy when I stand up too fast, is that my blood pressure',
    'my grandad is on oxygen at home and needs a new prescription for his cylinders',
    'my son swallowed a small amount of toothpaste, is that ok',
    "I'm allergic to nuts, can I get a new epipen as mine is out of date",
    'my baby rolled off the bed onto the carpet yesterday, she cried straight away and has been totally normal since',
    'can I get my stitches out, the cut has healed',
    "I'd like a referral to the heart clinic, my cardiologist retired",
    "my husband's pacemaker check is due",
    'my mum is in a nursing home after her stroke and needs a flu jab',
    "I'm on blood thinners, can I have a tooth out",
    'my daughter has a nut allergy, can we get an allergy action plan for school',
    "I'd like information about the meningitis B vaccine for my baby",
    'what are the warning signs of sepsis, my mum is worried',
    'my son had febrile convulsions as a toddler, is he at risk now',
    'book me a diabetes check, my sugar was 7.8 fasting',
    'please send me the leaflet on heart attack symptoms',
    'I want to get my cholesterol done, family history of heart attacks',
    'my waters are fine, just want to know about birth plan options',
    "can I get a prescription for my asthma inhaler, I'm almost out",
    'I need a new spacer and a peak flow meter',
    'she took her antibiotics late today, is that a problem',
    'I overdid it at the gym and my chest muscles ache',
    'my baby has a bit of a cough and a runny nose but is feeding and happy',
    'my 6 month old has a temperature of 37.8 after teething',
    'do you do first aid courses for new parents, like what to do if a baby chokes',
    "my ex was abusive, I'm safe now but need counselling",
    "I'm tired of waiting on hold, can someone call me back",
    'the stroke of midnight is when the online booking opens, right?',
    'my wife wants to discuss contraception after the baby',
    "I think I've got food poisoning, been sick twice, can I get seen tomorrow",
    "I was stung by a nettle, it's itchy",
    'my period pain is really bad this month, can I get something stronger',
    'I keep getting headaches when I look at screens',
    'I have low iron and feel faint sometimes, can I get my bloods rechecked',
    "my mum's carer says she's been more confused this week, can the GP visit",
    'I fell over last week and my wrist is still sore, could it be broken',
    'my son has diarrhoea but is drinking well',
    "I'm 20 weeks pregnant and have a cold, what can I take",
    'my husband has been snoring and stops breathing in his sleep sometimes',
    'I need my insulin pen needles reordered',
    'the blood test left a big bruise, is that normal',
    "I want to book my baby's 12 week immunisations",
    'my chest is a bit wheezy with this cold, could I get an inhaler',
    'I have had a headache and a stiff neck from sleeping funny',
    "my eyes are swollen from crying, I'm going through a breakup",
    "Hi there, my dad is 79 and had a heart attack about ten years ago, he's been fine since but his cardiologist wants him to have a repeat ECG at the surgery, could we book one for next week?",
    "I've been getting these funny turns where I go a bit lightheaded if I skip lunch, no fainting or anything, could I get my bloods done",
    "My daughter (14) told me she used to self harm last year, she's doing much better now with counselling, but I'd like her to have a check-in with the GP",
    "can I book my little boy in, he's had a cough for a week and it's worse at night, no breathing problems, he's eating and playing fine",
    "my husband's nose bled a bit this morning after he blew it, it stopped after a few minutes, he's on aspirin, is that ok",
    "I'm 28 weeks and I've had some tightenings on and off today but nothing regular and they're not painful, midwife said to mention it at my appointment",
    'my mum gets confused in the evenings because of her dementia, the care home asked if the GP could review her meds',
    "I'd like to make an appointment about my son's peanut allergy, he had a mild reaction at a party (a few hives) and they went away with piriton",
    "my 4 month old has had a bit of a temperature after her jabs yesterday, she's feeding fine, just checking it's normal",
    'I had a fall in the garden last week and bruised my ribs, it hurts when I cough, can I see someone',
    "hiya, can I book in to talk about my low mood, I'm not suicidal or anything, just flat",
    'my wife is type 2 diabetic and her sugar has been a bit up and down, can she see the diabetic nurse',
    "sorry to bother, my son swallowed a bit of bathwater, he's totally fine, just being a worried mum",
    "I burned my hand on the kettle, it's red and sore but no blisters, any advice",
    "my dad had a seizure in hospital last month and they've started him on keppra, when should he have bloods",
    'is there anything for travel sickness for a long car journey, my son gets sick every time',
    "I'm worried my teenager is drinking too much at parties",
    "can I get a repeat of my blue inhaler, it's my reliever and I'm running low",
    "my mum's face was a bit puffy in the morning, she thinks it's her new tablets, can she see the GP this week",
    "I fainted at the hairdresser last month after standing too long, it's never happened since, should I get checked",
]


@pytest.mark.parametrize(("text", "category"), POSITIVES)
def test_fires_on_emergencies(text: str, category: str | None) -> None:
    match = detect_emergency(text)
    assert match is not None, text
    if category:
        assert match.category == category


@pytest.mark.parametrize("text", NEGATIVES)
def test_does_not_fire_on_ordinary_messages(text: str) -> None:
    assert not is_emergency(text), detect_emergency(text)


def test_match_points_at_the_text() -> None:
    m = detect_emergency("hello, my chest hurts badly")
    assert m is not None and "chest" in "hello, my chest hurts badly"[m.start : m.end]


@pytest.mark.parametrize(("text", "category"), BY_CATEGORY)
def test_each_triage_category_fires_in_its_own_words(text: str, category: str) -> None:
    match = detect_emergency(text)
    assert match is not None, text
    assert match.category == category, (text, match)


def test_every_category_has_cases() -> None:
    assert {c for _, c in BY_CATEGORY} == set(CATEGORY_IDS)


@pytest.mark.parametrize(
    ("emergency", "denied"),
    [
        ("my chest hurts so much", "no chest pain at all"),
        ("he's bleeding heavily", "he's not bleeding heavily anymore"),
        ("I can't breathe", "I have no trouble breathing"),
        ("she collapsed in the hallway", "she never collapsed, she just sat down"),
        ("my throat is closing up", "no throat swelling, it's just sore"),
    ],
)
def test_negation_is_scoped_to_the_symptom(emergency: str, denied: str) -> None:
    assert is_emergency(emergency)
    assert not is_emergency(denied), detect_emergency(denied)


def test_negation_does_not_reach_across_a_clause() -> None:
    assert is_emergency("no chest pain but I can't breathe")
    assert is_emergency("not dizzy, but my face has gone droopy on one side")


def test_treatment_not_working_is_not_a_denial() -> None:
    assert is_emergency("her spray isn't touching the chest pain, it's getting worse")


@pytest.mark.parametrize(
    "text",
    [
        "after my stroke last year I need a physio referral",
        "I had chest pains two years ago and want my cholesterol checked",
        "history of seizures, need my repeat prescription",
        "update my emergency contact please",
        "my husband had sepsis in 2020, can he have the flu jab",
    ],
)
def test_history_and_admin_do_not_fire(text: str) -> None:
    assert not is_emergency(text), detect_emergency(text)


def test_history_gives_way_to_something_happening_now() -> None:
    assert is_emergency("I had a stroke last year and right now my face is drooping again")


@pytest.mark.parametrize(
    "text",
    ["my arm is bleeding, please hurry", "his rash is spreading really fast", "contractions!! help"],
)
def test_red_flag_symptom_with_an_urgency_cue_fires(text: str) -> None:
    m = detect_emergency(text)
    assert m is not None, text


def test_red_flag_symptom_alone_is_only_a_mention() -> None:
    seen = screen("the cut on my arm looks a bit red")
    assert seen.emergency is None
    assert seen.mention is not None and seen.mention.category == "bleeding"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("I cant breath", "i can't breathe"), ("he is unconsious", "he is unconscious"),
     ("contractoins every 3mins", "contractions every 3 minutes"), ("pleeease", "please"),
     ("she is drowwsy and not makinng sense", "she is drowsy and not making sense")],
)
def test_spelling_is_normalised_before_matching(typed: str, canonical: str) -> None:
    assert normalise(typed)[0] == canonical


def test_a_normalised_match_points_at_what_was_typed() -> None:
    text = "my son is unconsious!!"
    m = detect_emergency(text)
    assert m is not None and text[m.start : m.end] == "unconsious"


def test_ordinary_words_near_a_medical_one_are_not_corrected() -> None:
    assert normalise("breeding season")[0] == "breeding season"
    assert not is_emergency("I painted the fence and my back aches")


def _ranking(score: float, top: str = "emergency") -> list[tuple[str, float]]:
    rest = 1.0 - score
    return [(top, score), ("inform", rest)] if top == "emergency" else [(top, rest), ("emergency", score)]


def test_classifier_needs_a_red_flag_or_an_urgent_message() -> None:
    mention = screen("my lips are swollen").mention
    assert mention is not None
    with_symptom = Screen(None, mention, urgent=False)
    assert is_emergency_parse(with_symptom, _ranking(MODEL_EMERGENCY_WITH_RED_FLAG_MIN, top="inform"))
    assert not is_emergency_parse(with_symptom, _ranking(MODEL_EMERGENCY_WITH_RED_FLAG_MIN - 0.05, top="inform"))
    bare = Screen(None, None, urgent=False)
    assert not is_emergency_parse(bare, _ranking(0.99))
    urgent = Screen(None, None, urgent=True)
    assert is_emergency_parse(urgent, _ranking(MODEL_EMERGENCY_MIN))
    assert not is_emergency_parse(urgent, _ranking(MODEL_EMERGENCY_MIN - 0.05))


@pytest.mark.parametrize("text", MORE_EMERGENCIES)
def test_fires_on_emergencies_in_hurried_words(text: str) -> None:
    assert is_emergency(text), text


def test_a_reassured_question_keeps_no_mention_for_the_classifier() -> None:
    assert screen("my toddler has a temperature, he's 3, is nurofen ok to give").mention is None
    assert screen("her lips are swollen").mention is not None
    assert screen("her lips were swollen this morning but she seems fine now").mention is None
