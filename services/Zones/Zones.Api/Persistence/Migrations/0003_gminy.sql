-- Gminy of Małopolska the register accepts (TERYT as of 2024): the whole powiat chrzanowski (1203)
-- and the cities with powiat rights. Extend with later scripts as gminy join the platform.
INSERT INTO gminy (teryt, name, powiat_teryt, powiat_name) VALUES
    ('1203013', 'Alwernia',  '1203', 'chrzanowski'),
    ('1203022', 'Babice',    '1203', 'chrzanowski'),
    ('1203033', 'Chrzanów',  '1203', 'chrzanowski'),
    ('1203043', 'Libiąż',    '1203', 'chrzanowski'),
    ('1203053', 'Trzebinia', '1203', 'chrzanowski'),
    ('1261011', 'Kraków',    '1261', 'Kraków'),
    ('1262011', 'Nowy Sącz', '1262', 'Nowy Sącz'),
    ('1263011', 'Tarnów',    '1263', 'Tarnów')
ON CONFLICT (teryt) DO NOTHING;
